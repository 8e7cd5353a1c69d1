import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Registration caps with a waiting list (issue #24 point 4): a session may cap how many people
 * register as guests; beyond it people join the session's waiting list, in order, and are
 * registered, first come first served, when a place frees or the cap rises.
 */
export class RegistrationCap1763900001310 implements MigrationInterface {
  name = 'RegistrationCap1763900001310';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`ALTER TABLE themed_sessions ADD COLUMN registration_cap ${t.int}`);
    await runner.query(`CREATE TABLE session_waiting_list (
      id ${t.id} PRIMARY KEY,
      session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      available_slot_ids ${t.json} NOT NULL,
      line_no ${t.int} NOT NULL,
      status varchar(8) NOT NULL,
      created_at ${t.instant} NOT NULL,
      updated_at ${t.instant} NOT NULL
    )`);
    await runner.query(
      `CREATE UNIQUE INDEX waiting_list_one_per_person ON session_waiting_list (session_id, user_id) WHERE status = 'WAITING'`,
    );
    await runner.query(`CREATE INDEX waiting_list_queue ON session_waiting_list (session_id, status, line_no)`);
    await runner.query(`CREATE INDEX waiting_list_user ON session_waiting_list (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE session_waiting_list');
    await runner.query('ALTER TABLE themed_sessions DROP COLUMN registration_cap');
  }
}
