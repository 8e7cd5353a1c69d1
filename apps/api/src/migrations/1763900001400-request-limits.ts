import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Request limits per session (issue #24 point 2): an organiser may cap the requests each person
 * has waiting for an answer, and set how long a request stays open. A request keeps the moment it
 * expires (set when sent), so the Ticker finds due ones by an index.
 */
export class RequestLimits1763900001400 implements MigrationInterface {
  name = 'RequestLimits1763900001400';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`ALTER TABLE themed_sessions ADD COLUMN request_cap ${t.int}`);
    await runner.query(`ALTER TABLE themed_sessions ADD COLUMN request_expiry_hours ${t.int}`);
    await runner.query(`ALTER TABLE meeting_requests ADD COLUMN expires_at ${t.instant}`);
    await runner.query(
      `CREATE INDEX meeting_requests_pending_expiry ON meeting_requests (expires_at) WHERE status = 'PENDING' AND expires_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX meeting_requests_pending_expiry');
    await runner.query('ALTER TABLE meeting_requests DROP COLUMN expires_at');
    await runner.query('ALTER TABLE themed_sessions DROP COLUMN request_expiry_hours');
    await runner.query('ALTER TABLE themed_sessions DROP COLUMN request_cap');
  }
}
