import { MigrationInterface, QueryRunner } from 'typeorm';
import { taxonomyRows } from '../modules/profiles/taxonomy-data';

/**
 * Reference data: the bilingual CONDITION, ART_FORM and REGION vocabularies
 * (modules/profiles/taxonomy-data.ts). Safe to run over existing terms: a term whose
 * (vocabulary, code) — or id — is already there is left as it is. down() removes only the
 * seeded codes; profiles keep their codes (no foreign key) and simply stop showing those terms.
 */
export class SeedTaxonomies1763900000100 implements MigrationInterface {
  name = 'SeedTaxonomies1763900000100';

  async up(runner: QueryRunner): Promise<void> {
    const rows = taxonomyRows();
    const p = placeholders(runner);
    const values = rows.map(() => `(${p(6)})`).join(', ');
    await runner.query(
      `INSERT INTO taxonomy_terms (id, vocabulary, code, name_cy, name_en, sort_order) VALUES ${values} ON CONFLICT DO NOTHING`,
      rows.flatMap((row) => [row.id, row.vocabulary, row.code, row.nameCy, row.nameEn, row.sortOrder]),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const rows = taxonomyRows();
    for (const vocabulary of [...new Set(rows.map((row) => row.vocabulary))]) {
      const p = placeholders(runner);
      const codes = rows.filter((row) => row.vocabulary === vocabulary).map((row) => row.code);
      await runner.query(`DELETE FROM taxonomy_terms WHERE vocabulary = ${p(1)} AND code IN (${p(codes.length)})`, [
        vocabulary,
        ...codes,
      ]);
    }
  }
}

/** `?` on SQLite, numbered `$n` on PostgreSQL; one numbering per statement. */
function placeholders(runner: QueryRunner): (count: number) => string {
  const postgres = runner.connection.options.type === 'postgres';
  let next = 0;
  return (count) => Array.from({ length: count }, () => (postgres ? `$${++next}` : '?')).join(', ');
}
