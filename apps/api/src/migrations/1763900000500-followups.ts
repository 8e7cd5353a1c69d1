import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * After the meeting: follow-up actions with their status history, feedback once per participant
 * per meeting, and practitioners' own ways of evidencing impact (shared ones form the evidence
 * library). Nothing here is about patients; free texts are short and carry a hint saying so.
 */
export class Followups1763900000500 implements MigrationInterface {
  name = 'Followups1763900000500';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE follow_up_actions (
      id ${t.id} PRIMARY KEY,
      meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      created_by_id ${t.id} NOT NULL REFERENCES users (id),
      owner_id ${t.id} NOT NULL REFERENCES users (id),
      kind varchar(16) NOT NULL CHECK (kind IN ('REFERRAL_ROUTE', 'SHARE_EVIDENCE', 'PILOT', 'INTRODUCTION', 'FUNDING_BID', 'OTHER')),
      referring_organisation_kind varchar(40),
      referring_team varchar(120),
      description varchar(500) NOT NULL,
      due_on varchar(10) NOT NULL,
      status varchar(12) NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED')),
      created_at ${t.instant} NOT NULL,
      updated_at ${t.instant} NOT NULL,
      closed_at ${t.instant},
      CHECK (kind = 'REFERRAL_ROUTE' OR (referring_organisation_kind IS NULL AND referring_team IS NULL))
    )`);
    await runner.query(`CREATE INDEX follow_up_actions_meeting ON follow_up_actions (meeting_id)`);
    await runner.query(`CREATE INDEX follow_up_actions_owner ON follow_up_actions (owner_id, status, due_on)`);
    await runner.query(`CREATE TABLE follow_up_updates (
      id ${t.id} PRIMARY KEY,
      action_id ${t.id} NOT NULL REFERENCES follow_up_actions (id) ON DELETE CASCADE,
      seq ${t.int} NOT NULL,
      author_id ${t.id} NOT NULL REFERENCES users (id),
      from_status varchar(12),
      to_status varchar(12) NOT NULL,
      comment varchar(500),
      created_at ${t.instant} NOT NULL,
      UNIQUE (action_id, seq)
    )`);
    await runner.query(`CREATE TABLE meeting_feedback (
      id ${t.id} PRIMARY KEY,
      meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id),
      usefulness ${t.int} NOT NULL CHECK (usefulness BETWEEN 1 AND 5),
      comment varchar(1000),
      created_at ${t.instant} NOT NULL,
      UNIQUE (meeting_id, user_id)
    )`);
    await runner.query(`CREATE TABLE evidence_methods (
      id ${t.id} PRIMARY KEY,
      owner_id ${t.id} NOT NULL REFERENCES users (id),
      meeting_id ${t.id} REFERENCES meetings (id) ON DELETE SET NULL,
      title varchar(160) NOT NULL,
      description varchar(2000) NOT NULL,
      conditions ${t.json} NOT NULL,
      art_forms ${t.json} NOT NULL,
      shared ${t.bool} NOT NULL,
      created_at ${t.instant} NOT NULL,
      updated_at ${t.instant} NOT NULL
    )`);
    await runner.query(`CREATE INDEX evidence_methods_shared ON evidence_methods (shared, updated_at)`);
    await runner.query(`CREATE INDEX evidence_methods_owner ON evidence_methods (owner_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE evidence_methods');
    await runner.query('DROP TABLE meeting_feedback');
    await runner.query('DROP TABLE follow_up_updates');
    await runner.query('DROP TABLE follow_up_actions');
  }
}
