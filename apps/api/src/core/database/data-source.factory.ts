import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { ENTITIES } from '../../entities';
import { MIGRATIONS } from '../../migrations';
import { CountingSqlLogger } from './query-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logger: new CountingSqlLogger(config.logSql),
  } as const;
  if (config.databaseEngine === 'postgres') {
    // Every write transaction runs READ COMMITTED (Database.write relies on it): set once per
    // connection at start-up rather than by a statement in each transaction.
    return { ...common, type: 'postgres', url: config.databaseUrl, extra: { max: 20, options: '-c default_transaction_isolation=read\\ committed' } };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return { ...common, type: 'better-sqlite3', database: config.sqlitePath, enableWAL: config.sqlitePath !== ':memory:' };
}

export async function openDataSource(config: AppConfig): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  if (config.runMigrationsOnStart) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
