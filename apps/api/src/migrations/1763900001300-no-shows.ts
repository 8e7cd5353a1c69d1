import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * No-shows, kindly (issue #24 point 5): a person may say a no-show recorded against them was not
 * one (`no_show_disputes`), and an organiser may choose, per session, to lower the auto-schedule
 * priority of people with repeated undisputed no-shows.
 */
export class NoShows1763900001300 implements MigrationInterface {
  name = 'NoShows1763900001300';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE no_show_disputes (
      meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reason varchar(500),
      disputed_at ${t.instant} NOT NULL,
      PRIMARY KEY (meeting_id, user_id)
    )`);
    await runner.query(`CREATE INDEX no_show_disputes_user ON no_show_disputes (user_id)`);
    await runner.query(
      `ALTER TABLE schedule_settings ADD COLUMN lower_repeated_no_shows boolean NOT NULL DEFAULT false`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE no_show_disputes');
    await runner.query('ALTER TABLE schedule_settings DROP COLUMN lower_repeated_no_shows');
  }
}
