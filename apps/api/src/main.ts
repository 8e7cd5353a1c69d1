import { Logger } from '@nestjs/common';
import { assertSafeForProduction, processConfig } from './config/app-config';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = processConfig(process.argv.includes('--seed-demo') ? { seedDemo: true } : {});
  assertSafeForProduction(config);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('Main').log(
    `Cyswllt API on http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}/graphql (${config.databaseEngine})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
