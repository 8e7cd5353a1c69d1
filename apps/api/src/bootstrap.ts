import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { raw } from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { Clock, SystemClock } from './core/clock/clock';
import { countSqlStatements } from './core/database/query-count.middleware';
import { loggerOptions } from './core/logging/logger';
import { NestPinoLogger } from './core/logging/nest-pino-logger';
import { createHttpLogging } from './core/logging/request-logging';
import { httpMetrics } from './core/metrics/http-metrics.middleware';
import { Metrics } from './core/metrics/metrics';
import { securityHeaders } from './core/web/security-headers';
import { serveWebApp } from './core/web/web-app';
import { formatDemoLogins, seedDemo } from './demo/demo-seed';
import { LIVEKIT_WEBHOOK_PATH } from './modules/rooms/livekit-webhook.controller';

export interface CreateAppOptions {
  /** Where the JSON log lines go (stdout by default); tests pass a stream to read them back. */
  logDestination?: DestinationStream;
}

/** Paths polled by probes and scrapers: answered, not logged line by line. */
const QUIET_PATHS = ['/healthz', '/metrics'];

/** Builds the HTTP application; main.ts, the CLI tools and the tests all start it here. */
export async function createApp(config: AppConfig, clock: Clock = new SystemClock(), options: CreateAppOptions = {}): Promise<INestApplication> {
  const logging = createHttpLogging(loggerOptions(config), options.logDestination, { quietPaths: QUIET_PATHS });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, clock), {
    logger: new NestPinoLogger(logging.root),
    bodyParser: false,
  });
  // First of all: the request id and its logger, so every later line of the request carries the id.
  app.use(logging.middleware);
  app.use(httpMetrics(app.get(Metrics)));
  app.use(securityHeaders(config));
  // LiveKit webhooks are verified against the exact bytes sent (their sha256 is signed), so that
  // path keeps its body raw, whatever its content type; the JSON parser then leaves it alone.
  app.use(LIVEKIT_WEBHOOK_PATH, raw({ type: () => true, limit: '256kb' }));
  app.useBodyParser('json', { limit: '100kb' });
  app.use(cookieParser());
  // The built web app on the same origin as /graphql (index.html for the SPA's routes), if built.
  serveWebApp(app, config);
  // Outside production: count each request's SQL statements (reported as x-sql-statements). Last of
  // the middleware, so the counting scope covers the GraphQL handler. Production skips it, since
  // AsyncLocalStorage scopes add a little cost to every promise.
  if (!config.isProduction) app.use(countSqlStatements);
  app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.enableShutdownHooks();
  if (config.seedDemo) {
    await app.init();
    const result = await seedDemo(app);
    if (config.mode !== 'test') console.log(formatDemoLogins(result));
  }
  return app;
}
