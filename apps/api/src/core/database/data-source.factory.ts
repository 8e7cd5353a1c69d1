import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { CountingSqlLogger } from './query-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * What the database holds, handed in by the app (src/entities.ts, src/migrations): the core knows
 * no domain table, so it never imports the modules.
 */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

export function dataSourceOptions(config: AppConfig, schema: DatabaseSchema): DataSourceOptions {
  const common = {
    entities: schema.entities,
    migrations: schema.migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logger: new CountingSqlLogger(config.logSql),
  } as const;
  if (config.databaseEngine === 'postgres') {
    // Every write transaction runs READ COMMITTED (Database.write relies on it): set once per
    // connection at start-up rather than by a statement in each transaction.
    return {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      extra: { max: 20, options: '-c default_transaction_isolation=read\\ committed' },
    };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: config.sqlitePath !== ':memory:',
  };
}

export async function openDataSource(config: AppConfig, schema: DatabaseSchema): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config, schema));
  await dataSource.initialize();
  if (config.runMigrationsOnStart) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
