import 'reflect-metadata';
import { processConfig } from '../config/app-config';
import { openDataSource } from '../core/database/data-source.factory';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const config = processConfig({ runMigrationsOnStart: false });
  const dataSource = await openDataSource(config, { entities: ENTITIES, migrations: MIGRATIONS });
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(
    `${config.databaseEngine}: ${applied.length} migration(s) applied${applied.map((m) => `\n  ${m.name}`).join('')}`,
  );
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
