import { DataSource, Table } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #17, the entity ↔ migration drift check: the schema the migrations build, read back by
 * TypeORM's own loader (QueryRunner.getTables), against what the entities declare (TypeORM's
 * metadata), on the engine the run uses (TEST_DB). docs/development.md says what each comparison
 * covers and why TypeORM's schema-builder log alone is not enough.
 */

/** Tables the migrations make that no entity maps: TypeORM's own record of the migrations run. */
const NOT_ENTITIES = new Set(['migrations', 'sqlite_sequence']);

let t: TestApp;
let source: DataSource;
let tables: Map<string, Table>;

beforeAll(async () => {
  t = await startTestApp();
  source = t.app.get(DataSource);
  const runner = source.createQueryRunner();
  try {
    tables = new Map(
      (await runner.getTables()).filter((table) => !table.name.includes('.')).map((table) => [table.name, table]),
    );
  } finally {
    await runner.release();
  }
});

afterAll(async () => {
  await t?.close();
});

const entities = (): EntityMetadata[] => source.entityMetadatas.filter((m) => m.tableType === 'regular');

/**
 * A column type as one word for both sides: the entities give `Date` columns no type, which TypeORM
 * reads as a timestamp without zone, while the migrations make them timestamptz (ddl-types.ts
 * `instant`); both hold an instant as the driver reads and writes it.
 */
function family(type: string): string {
  const name = type.toLowerCase();
  if (/^(timestamp|datetime)/.test(name)) return 'instant';
  if (name === 'character varying') return 'varchar';
  return name;
}

/** A default as text both sides agree on: `false`, `'[]'`, `0`; none as null. */
function normalDefault(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return String(typeof value === 'function' ? (value as () => string)() : value)
    .replace(/::[\w ]+$/, '')
    .replace(/^\((.*)\)$/, '$1');
}

function columnFacts(c: ColumnMetadata) {
  return {
    type: family(source.driver.normalizeType(c)),
    length: c.length ? String(c.length) : '',
    nullable: c.isNullable,
    primary: c.isPrimary,
    default: normalDefault(
      c.default === undefined ? undefined : typeof c.default === 'string' ? `'${c.default}'` : c.default,
    ),
  };
}

describe(`entities and migrations describe the same schema (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it('has a table for each entity and an entity for each table', () => {
    const mapped = entities()
      .map((m) => m.tableName)
      .sort();
    expect([...tables.keys()].filter((name) => !NOT_ENTITIES.has(name)).sort()).toEqual(mapped);
  });

  it('has the columns each entity declares, with its type, length, nullability, default and primary key', () => {
    const drift: string[] = [];
    for (const metadata of entities()) {
      const table = tables.get(metadata.tableName)!;
      const declared = new Set(metadata.columns.map((c) => c.databaseName));
      for (const column of table.columns)
        if (!declared.has(column.name))
          drift.push(`${table.name}.${column.name}: in the migrations, not in the entity`);
      for (const c of metadata.columns) {
        const column = table.findColumnByName(c.databaseName);
        if (!column) {
          drift.push(`${table.name}.${c.databaseName}: in the entity, not in the migrations`);
          continue;
        }
        const entity = columnFacts(c);
        // SQLite lets a primary key that is not an INTEGER hold NULL unless it says NOT NULL, and the
        // initial schema's text ids do not: the app always writes ids, so only PostgreSQL's answer counts.
        const nullable = column.isPrimary && t.engine === 'sqlite' ? false : column.isNullable;
        const database = {
          type: family(column.type),
          length: column.length ?? '',
          nullable,
          primary: column.isPrimary,
          default: normalDefault(column.default),
        };
        for (const key of Object.keys(entity) as (keyof typeof entity)[]) {
          if (entity[key] !== database[key])
            drift.push(
              `${table.name}.${c.databaseName} ${key}: entity ${JSON.stringify(entity[key])}, migrations ${JSON.stringify(database[key])}`,
            );
        }
      }
    }
    expect(drift.join('\n')).toBe('');
  });

  it('has the unique constraints and indexes (partial ones with their condition) each entity declares, and no others', async () => {
    const declared = entities().flatMap((m) => [
      ...m.indices.map((index) =>
        signature(
          m.tableName,
          index.columns.map((c) => c.databaseName),
          index.isUnique,
          index.where,
        ),
      ),
      ...m.uniques.map((unique) =>
        signature(
          m.tableName,
          unique.columns.map((c) => c.databaseName),
          true,
        ),
      ),
    ]);
    expect((await databaseIndexes()).sort()).toEqual(declared.sort());
  });

  it('has foreign keys only between declared columns of the same type, and every foreign key an entity declares', () => {
    const drift: string[] = [];
    const byTable = new Map(entities().map((m) => [m.tableName, m]));
    for (const [name, table] of tables) {
      for (const fk of table.foreignKeys) {
        const target = byTable.get(fk.referencedTableName);
        fk.columnNames.forEach((column, i) => {
          const from = byTable.get(name)?.findColumnWithDatabaseName(column);
          const to = target?.findColumnWithDatabaseName(fk.referencedColumnNames[i]);
          if (!from || !to)
            drift.push(
              `${name}.${column} → ${fk.referencedTableName}.${fk.referencedColumnNames[i]}: not declared in the entities`,
            );
          else if (
            `${columnFacts(from).type}(${columnFacts(from).length})` !==
            `${columnFacts(to).type}(${columnFacts(to).length})`
          )
            drift.push(`${name}.${column} → ${fk.referencedTableName}: types differ`);
        });
      }
    }
    for (const metadata of entities()) {
      for (const fk of metadata.foreignKeys) {
        const found = tables
          .get(metadata.tableName)!
          .foreignKeys.some(
            (k) => k.referencedTableName === fk.referencedTablePath && k.columnNames.join() === fk.columnNames.join(),
          );
        if (!found) drift.push(`${metadata.tableName}(${fk.columnNames}): declared, not in the migrations`);
      }
    }
    expect(drift.join('\n')).toBe('');
  });

  it("leaves TypeORM's schema builder nothing to do beyond what the entities leave to the migrations (PostgreSQL)", async ({
    skip,
  }) => {
    // On SQLite the builder rebuilds every table with a foreign key or check it was not told of,
    // so its log says nothing there: the comparisons above are the check.
    if (t.engine !== 'postgres') skip();
    const log = await source.driver.createSchemaBuilder().log();
    const instants = new Set(
      entities().flatMap((m) =>
        m.columns.filter((c) => columnFacts(c).type === 'instant').map((c) => `${m.tableName}.${c.databaseName}`),
      ),
    );
    // Indexes over such a column: the builder drops and re-creates them around it.
    const onInstants = new Set(
      entities().flatMap((m) =>
        m.indices
          .filter((i) => i.columns.some((c) => instants.has(`${m.tableName}.${c.databaseName}`)))
          .map((i) => i.name),
      ),
    );
    const unexplained = log.upQueries
      .map((q) => q.query)
      .filter((query) => {
        // Foreign keys and checks live in the migrations only (the entities keep plain id columns).
        if (/^ALTER TABLE "\w+" DROP CONSTRAINT "\w+_(fkey|check\d*)"$/.test(query)) return false;
        // timestamptz columns that the entities type as Date: the builder would make them timestamp.
        const column = /^ALTER TABLE "(\w+)" (?:DROP COLUMN|ADD) "(\w+)"/.exec(query);
        if (column && instants.has(`${column[1]}.${column[2]}`)) return false;
        const index = /^(?:DROP INDEX "public"\.|CREATE INDEX )"(\w+)"/.exec(query);
        return !(index && onInstants.has(index[1]));
      });
    expect(unexplained).toEqual([]);
  });
});

/** An index or unique constraint as one comparable line: table, ordered columns, uniqueness, condition. */
function signature(table: string, columns: string[], unique: boolean, where?: string | null): string {
  const condition = (where ?? '')
    .replace(/::(?:character varying|\w+)(?:\[\])?/g, '')
    // PostgreSQL keeps `x IN (a, b)` as `x = ANY (ARRAY[a, b])`.
    .replace(/=\s*ANY\s*\(+\s*ARRAY\[([^\]]*)\]\s*\)+/gi, 'IN ($1)')
    .replace(/[()]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return `${table}(${columns.join(', ')})${unique ? ' unique' : ''}${condition ? ` where ${condition}` : ''}`;
}

/**
 * The indexes and unique constraints the migrations made, primary keys aside, read from each
 * engine's catalogue: TypeORM's loader lists PostgreSQL index columns out of order.
 */
async function databaseIndexes(): Promise<string[]> {
  if (t.engine === 'postgres') {
    const { rows } = await t.db.sql<{ table: string; unique: boolean; predicate: string | null; columns: string[] }>(
      `SELECT t.relname AS "table", ix.indisunique AS "unique", pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
              array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND NOT ix.indisprimary AND t.relname <> 'migrations'`,
      [],
    );
    return rows.map((r) => signature(r.table, r.columns, r.unique, r.predicate));
  }
  const out: string[] = [];
  for (const table of tables.keys()) {
    if (NOT_ENTITIES.has(table)) continue;
    const list = (await t.db.sql<{ name: string; unique: number; origin: string }>(`PRAGMA index_list("${table}")`, []))
      .rows;
    for (const index of list.filter((i) => i.origin !== 'pk')) {
      const columns = (await t.db.sql<{ seqno: number; name: string }>(`PRAGMA index_info("${index.name}")`, [])).rows
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name);
      const sql =
        (
          await t.db.sql<{ sql: string | null }>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, [
            index.name,
          ])
        ).rows[0]?.sql ?? '';
      out.push(signature(table, columns, Boolean(index.unique), /\bWHERE\b(.*)$/is.exec(sql)?.[1]));
    }
  }
  return out;
}
