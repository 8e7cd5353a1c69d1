import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Meetings held elsewhere (issue #14): how a meeting's outcome was decided (the room's attendance,
 * its participants' word, or an organiser), and each participant's "we met" / "it didn't happen".
 */
export class MeetingOutcomes1763900000700 implements MigrationInterface {
  name = 'MeetingOutcomes1763900000700';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(
      `ALTER TABLE meetings ADD COLUMN outcome_source varchar(12) CHECK (outcome_source IN ('ROOM', 'PARTICIPANTS', 'ORGANISER'))`,
    );
    await runner.query(`CREATE TABLE meeting_outcome_reports (
      meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id),
      happened ${t.bool} NOT NULL,
      reported_at ${t.instant} NOT NULL,
      PRIMARY KEY (meeting_id, user_id)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE meeting_outcome_reports`);
    await runner.query(`ALTER TABLE meetings DROP COLUMN outcome_source`);
  }
}
