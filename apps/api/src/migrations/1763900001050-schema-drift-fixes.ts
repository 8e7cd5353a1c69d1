import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the drift check (apps/api/test/schema-drift.int-spec.ts) found between the migrations and
 * the entities, settled on the entities' side:
 * - meetings.calendar_uid is NOT NULL: every meeting has had one since 1763900000710, which added
 *   the column nullable and filled it in;
 * - on SQLite, the notification kind columns are varchar(32) as on PostgreSQL
 *   (1763900000640 changed PostgreSQL only, as SQLite does not enforce the length).
 */
export class SchemaDriftFixes1763900001050 implements MigrationInterface {
  name = 'SchemaDriftFixes1763900001050';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query(`ALTER TABLE meetings ALTER COLUMN calendar_uid SET NOT NULL`);
      return;
    }
    await rebuildSqliteTable(runner, 'meetings', 'calendar_uid varchar(80)', 'calendar_uid varchar(80) NOT NULL');
    for (const table of ['outbox', 'notification_preferences'])
      await rebuildSqliteTable(runner, table, 'kind varchar(16) NOT NULL', 'kind varchar(32) NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query(`ALTER TABLE meetings ALTER COLUMN calendar_uid DROP NOT NULL`);
      return;
    }
    for (const table of ['outbox', 'notification_preferences'])
      await rebuildSqliteTable(runner, table, 'kind varchar(32) NOT NULL', 'kind varchar(16) NOT NULL');
    await rebuildSqliteTable(runner, 'meetings', 'calendar_uid varchar(80) NOT NULL', 'calendar_uid varchar(80)');
  }
}

/**
 * SQLite cannot alter a column: the table is made again from its own CREATE TABLE text with one
 * column definition changed, its rows copied and its indexes re-created from their own text, so
 * its checks, foreign keys and partial indexes stay exactly as they were (TypeORM's changeColumn
 * would drop the column checks). Migrations run with foreign keys off on SQLite, so the tables
 * that refer to this one are untouched; renaming the copy back makes their references resolve.
 */
async function rebuildSqliteTable(runner: QueryRunner, table: string, from: string, to: string): Promise<void> {
  const objects: { type: string; sql: string }[] = await runner.query(
    `SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL`,
    [table],
  );
  const create = objects.find((o) => o.type === 'table')!.sql;
  const pattern = new RegExp(`\\b${from.replace(/[()]/g, '\\$&')}(?=\\s*[,)])`);
  if (!pattern.test(create)) throw new Error(`${table}: no column "${from}" in ${create}`);
  const copy = `${table}_rebuilt`;
  await runner.query(create.replace(pattern, to).replace(/^CREATE TABLE\s+("?)\w+\1/, `CREATE TABLE ${copy}`));
  await runner.query(`INSERT INTO ${copy} SELECT * FROM ${table}`);
  await runner.query(`DROP TABLE ${table}`);
  await runner.query(`ALTER TABLE ${copy} RENAME TO ${table}`);
  for (const index of objects.filter((o) => o.type === 'index')) await runner.query(index.sql);
}
