import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Interpreters assigned to meetings (issue #22): who may join a meeting's room to publish its
 * interpretation channels, and into which languages ("cy,en").
 */
export class MeetingInterpreters1763900001200 implements MigrationInterface {
  name = 'MeetingInterpreters1763900001200';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE meeting_interpreters (
      meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      languages varchar(16) NOT NULL,
      assigned_by_id ${t.id} NOT NULL,
      assigned_at ${t.instant} NOT NULL,
      PRIMARY KEY (meeting_id, user_id)
    )`);
    await runner.query(`CREATE INDEX meeting_interpreters_user ON meeting_interpreters (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE meeting_interpreters');
  }
}
