import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SESSION_CANCELLED is 17 characters: the kind columns grow from 16 to 32. SQLite does not
 * enforce varchar lengths, so only PostgreSQL needs the change.
 */
export class LongerNotificationKinds1763900000640 implements MigrationInterface {
  name = 'LongerNotificationKinds1763900000640';

  async up(runner: QueryRunner): Promise<void> {
    await this.kindLength(runner, 32);
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.kindLength(runner, 16);
  }

  private async kindLength(runner: QueryRunner, length: number): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    for (const table of ['outbox', 'notification_preferences'])
      await runner.query(`ALTER TABLE ${table} ALTER COLUMN kind TYPE varchar(${length})`);
  }
}
