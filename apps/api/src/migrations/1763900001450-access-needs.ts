import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Access needs (issue #22 point 2): what a person asked to keep on their profile, with their
 * consent (`access_need_profiles`), and what they asked for one meeting, given when booking a slot
 * (meeting_id) or sending / accepting a request (request_id, whose meeting it becomes). Deleted a
 * set time after the meeting (AccessNeedsRetention), on withdrawal of consent, and with the account.
 */
export class AccessNeeds1763900001450 implements MigrationInterface {
  name = 'AccessNeeds1763900001450';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE access_need_profiles (
      user_id ${t.id} NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      needs varchar(200) NOT NULL,
      note varchar(280),
      consented_at ${t.instant} NOT NULL
    )`);
    await runner.query(`CREATE TABLE meeting_access_needs (
      id ${t.id} NOT NULL PRIMARY KEY,
      user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      meeting_id ${t.id} REFERENCES meetings (id) ON DELETE CASCADE,
      request_id ${t.id} REFERENCES meeting_requests (id) ON DELETE CASCADE,
      needs varchar(200) NOT NULL,
      note varchar(280),
      consented_at ${t.instant} NOT NULL
    )`);
    await runner.query(
      `CREATE UNIQUE INDEX meeting_access_needs_meeting ON meeting_access_needs (meeting_id, user_id)`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX meeting_access_needs_request ON meeting_access_needs (request_id, user_id)`,
    );
    await runner.query(`CREATE INDEX meeting_access_needs_user ON meeting_access_needs (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE meeting_access_needs');
    await runner.query('DROP TABLE access_need_profiles');
  }
}
