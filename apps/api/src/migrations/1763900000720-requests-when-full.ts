import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link worker's choice whether meeting requests still reach them once this month's referral
 * places are used up (issue #14): on unless they turn it off.
 */
export class RequestsWhenFull1763900000720 implements MigrationInterface {
  name = 'RequestsWhenFull1763900000720';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE profiles ADD COLUMN requests_when_full boolean NOT NULL DEFAULT true');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE profiles DROP COLUMN requests_when_full');
  }
}
