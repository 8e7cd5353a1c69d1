import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * The reciprocity ledger (issue #23): hours come from held meetings; each participant may add what
 * they gave and got in one (exchange kinds, as JSON lists) and up to two hours of their own
 * preparation; and each person chooses whether their profile shows their hours.
 */
export class Reciprocity1763900000900 implements MigrationInterface {
  name = 'Reciprocity1763900000900';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE reciprocity_entries (
      meeting_id ${t.id} NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id),
      gave ${t.json} NOT NULL,
      got ${t.json} NOT NULL,
      preparation_minutes ${t.int} NOT NULL CHECK (preparation_minutes BETWEEN 0 AND 120),
      updated_at ${t.instant} NOT NULL,
      PRIMARY KEY (meeting_id, user_id)
    )`);
    await runner.query(`CREATE INDEX reciprocity_entries_user ON reciprocity_entries (user_id)`);
    await runner.query(`CREATE TABLE reciprocity_preferences (
      user_id ${t.id} PRIMARY KEY REFERENCES users (id),
      show_on_profile ${t.bool} NOT NULL,
      updated_at ${t.instant} NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE reciprocity_preferences`);
    await runner.query(`DROP TABLE reciprocity_entries`);
  }
}
