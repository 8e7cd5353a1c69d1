import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { raw } from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { AppConfig, ConfigError } from './config/app-config';
import { Clock, OffsetClock, SystemClock } from './core/clock/clock';
import { countSqlStatements } from './core/database/query-count.middleware';
import { loggerOptions } from './core/logging/logger';
import { NestPinoLogger } from './core/logging/nest-pino-logger';
import { createHttpLogging } from './core/logging/request-logging';
import { httpMetrics } from './core/metrics/http-metrics.middleware';
import { Metrics } from './core/metrics/metrics';
import { securityHeaders } from './core/web/security-headers';
import { refuseMalformedText } from './core/web/text-guard';
import { serveWebApp } from './core/web/web-app';
import { sessionPageStatus } from './modules/events/session-page-status';
import { SessionsRepository } from './modules/events/sessions.repository';
import { formatDemoLogins } from './demo/demo-seed';
import { DemoModule, DemoSeeder } from './demo/demo.module';
import { LIVEKIT_WEBHOOK_PATH } from './modules/rooms/livekit-webhook.controller';

export interface CreateAppOptions {
  /** Where the JSON log lines go (stdout by default); tests pass a stream to read them back. */
  logDestination?: DestinationStream;
}

/** Paths polled by probes and scrapers: answered, not logged line by line. */
const QUIET_PATHS = ['/healthz', '/metrics'];

/** Builds the HTTP application; main.ts, the CLI tools and the tests all start it here. */
export async function createApp(
  config: AppConfig,
  clock: Clock = new SystemClock(),
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  if (clock instanceof OffsetClock && !config.clockControl) {
    throw new ConfigError(
      'A controllable clock needs CLOCK_CONTROL=true (the event rehearsal and tests only; production refuses it).',
    );
  }
  const logging = createHttpLogging(loggerOptions(config), options.logDestination, { quietPaths: QUIET_PATHS });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.create(config, clock, config.seedDemo ? [DemoModule] : []),
    {
      logger: new NestPinoLogger(logging.root),
      bodyParser: false,
    },
  );
  // First of all: the request id and its logger, so every later line of the request carries the id.
  app.use(logging.middleware);
  app.use(httpMetrics(app.get(Metrics)));
  app.use(securityHeaders(config));
  // Answers of 1 KB or more (GraphQL, CSV, the referral feed, the app's page) go gzip or brotli
  // (quality 4) to clients that accept it; smaller ones are not worth the CPU. The web app's
  // files come precompressed (web-app.ts) and are left alone.
  app.use(compression({ threshold: 1024 }));
  // LiveKit webhooks are verified against the exact bytes sent (their sha256 is signed), so that
  // path keeps its body raw, whatever its content type; the JSON parser then leaves it alone.
  app.use(LIVEKIT_WEBHOOK_PATH, raw({ type: () => true, limit: '256kb' }));
  app.useBodyParser('json', { limit: '100kb' });
  app.use(cookieParser());
  // Text with NUL or lone surrogates, anywhere in the path, query or JSON body: 400, before any handler.
  app.use(refuseMalformedText());
  // The built web app on the same origin as /graphql (index.html for the SPA's routes), if built;
  // a session's page answers 404 when there is no such session, 410 when it was cancelled.
  serveWebApp(app, config, [sessionPageStatus(app.get(SessionsRepository, { strict: false }))]);
  // Outside production: count each request's SQL statements (reported as x-sql-statements). Last of
  // the middleware, so the counting scope covers the GraphQL handler. Production skips it, since
  // AsyncLocalStorage scopes add a little cost to every promise.
  if (!config.isProduction) app.use(countSqlStatements);
  app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.enableShutdownHooks();
  if (config.seedDemo) {
    await app.init();
    const result = await app.get(DemoSeeder).seed();
    if (config.mode !== 'test') console.log(formatDemoLogins(result));
  }
  return app;
}
