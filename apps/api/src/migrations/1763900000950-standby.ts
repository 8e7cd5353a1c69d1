import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Standby lists (issue #24): people waiting for a seat in a full offer, in the order they joined.
 * `line_no` keeps the order when people join in the same millisecond. A freed seat is OFFERED to the first with a claim window (`claim_until`); a person is on an
 * offer's list at most once while WAITING or OFFERED.
 */
export class Standby1763900000950 implements MigrationInterface {
  name = 'Standby1763900000950';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE standby_entries (
      id ${t.id} PRIMARY KEY,
      offer_id ${t.id} NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
      session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      status varchar(12) NOT NULL,
      line_no ${t.int} NOT NULL,
      created_at ${t.instant} NOT NULL,
      offered_at ${t.instant},
      claim_until ${t.instant},
      updated_at ${t.instant} NOT NULL
    )`);
    await runner.query(
      `CREATE UNIQUE INDEX standby_one_live_per_person ON standby_entries (offer_id, user_id) WHERE status IN ('WAITING', 'OFFERED')`,
    );
    await runner.query(`CREATE INDEX standby_queue ON standby_entries (offer_id, status, line_no)`);
    await runner.query(`CREATE INDEX standby_claim_until ON standby_entries (status, claim_until)`);
    await runner.query(`CREATE INDEX standby_user ON standby_entries (user_id, session_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE standby_entries');
  }
}
