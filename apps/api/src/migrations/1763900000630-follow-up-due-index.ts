import { MigrationInterface, QueryRunner } from 'typeorm';

/** The due-date e-mails look up the open actions due on one day, on every tick of every instance. */
export class FollowUpDueIndex1763900000630 implements MigrationInterface {
  name = 'FollowUpDueIndex1763900000630';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX follow_up_actions_due ON follow_up_actions (due_on, status)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX follow_up_actions_due`);
  }
}
