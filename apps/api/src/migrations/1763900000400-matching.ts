import { MigrationInterface, QueryRunner } from 'typeorm';
import { SUPPORTS, taxonomyTermId } from '../modules/profiles/taxonomy-data';
import { Vocabulary } from '../modules/profiles/profiles.enums';
import { ddlTypes } from './ddl-types';

/**
 * Matching and auto-scheduling: structured support offers/needs on profiles (the SUPPORT
 * vocabulary), an organiser's weights per session, and auto-schedule runs with their drafts.
 */
export class Matching1763900000400 implements MigrationInterface {
  name = 'Matching1763900000400';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query(`ALTER TABLE profiles ADD COLUMN support_offers ${t.json} NOT NULL DEFAULT '[]'`);
    await runner.query(`ALTER TABLE profiles ADD COLUMN support_needs ${t.json} NOT NULL DEFAULT '[]'`);
    let n = 0;
    const p = () => (postgres ? `$${++n}` : '?');
    const values = SUPPORTS.map(() => `(${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()})`).join(', ');
    await runner.query(
      `INSERT INTO taxonomy_terms (id, vocabulary, code, name_cy, name_en, sort_order) VALUES ${values} ON CONFLICT DO NOTHING`,
      SUPPORTS.flatMap((term, index) => [
        taxonomyTermId(Vocabulary.SUPPORT, term.code),
        Vocabulary.SUPPORT,
        term.code,
        term.nameCy,
        term.nameEn,
        (index + 1) * 10,
      ]),
    );
    await runner.query(`CREATE TABLE schedule_settings (
      session_id ${t.id} PRIMARY KEY REFERENCES themed_sessions (id) ON DELETE CASCADE,
      weights ${t.json} NOT NULL,
      under_served_regions ${t.json} NOT NULL,
      recommendations_per_person ${t.int} NOT NULL CHECK (recommendations_per_person BETWEEN 0 AND 20),
      updated_at ${t.instant} NOT NULL
    )`);
    await runner.query(`CREATE TABLE schedule_runs (
      id ${t.id} PRIMARY KEY,
      session_id ${t.id} NOT NULL REFERENCES themed_sessions (id) ON DELETE CASCADE,
      requested_by_id ${t.id} NOT NULL REFERENCES users (id),
      status varchar(12) NOT NULL CHECK (status IN ('RUNNING', 'READY', 'FAILED', 'CANCELLED', 'PUBLISHED', 'DISCARDED')),
      progress ${t.text} NOT NULL,
      draft ${t.text},
      error varchar(500),
      created_at ${t.instant} NOT NULL,
      finished_at ${t.instant}
    )`);
    await runner.query(`CREATE INDEX schedule_runs_session ON schedule_runs (session_id, created_at)`);
    // One run at a time per session: a second RUNNING run is refused by the database.
    await runner.query(
      `CREATE UNIQUE INDEX schedule_runs_one_running ON schedule_runs (session_id) WHERE status = 'RUNNING'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE schedule_runs');
    await runner.query('DROP TABLE schedule_settings');
    await runner.query(`DELETE FROM taxonomy_terms WHERE vocabulary = 'SUPPORT'`);
    await runner.query('ALTER TABLE profiles DROP COLUMN support_needs');
    await runner.query('ALTER TABLE profiles DROP COLUMN support_offers');
  }
}
