import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { resolve } from 'node:path';

export type RunMode = 'embedded' | 'production' | 'test';
export type DatabaseEngine = 'sqlite' | 'postgres';
export type PubSubKind = 'memory' | 'redis';
/** Where delayed jobs (meeting reminders) live: the in-process ticker, or BullMQ on Redis. */
export type JobsBackend = 'inprocess' | 'bullmq';

export interface LiveKitSettings {
  /** For browsers: ws:// or wss://. */
  url: string;
  /** For the API's RoomService calls: http:// or https://. */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';

/**
 * The whole configuration, read once from the environment (see loadConfig).
 * Nothing else in the code base reads process.env.
 */
export class AppConfig {
  /** embedded: SQLite + in-process everything; production: PostgreSQL and real services. */
  @IsIn(['embedded', 'production', 'test'])
  mode: RunMode = 'embedded';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  @IsString()
  host = '127.0.0.1';

  /** postgres://… selects PostgreSQL; unset selects the embedded SQLite file. */
  @IsOptional()
  @IsString()
  databaseUrl?: string;

  @IsString()
  sqlitePath = './data/cyswllt.sqlite';

  /** Seed taxonomies and a demo data set at start-up (embedded quick start). */
  @Transform(toBool)
  @IsBoolean()
  seedDemo = false;

  @Transform(toBool)
  @IsBoolean()
  runMigrationsOnStart = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  sessionTtlHours = 24 * 14;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  invitationTtlHours = 24 * 7;

  /** Login attempts per e-mail address and client within loginThrottleWindowSeconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  loginAttemptsPerWindow = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  loginThrottleWindowSeconds = 15 * 60;

  @IsString()
  @MinLength(8)
  publicUrl = 'http://localhost:3000';

  /** How often the clock-driven lifecycle (LIVE, CLOSED, EXPIRED) is applied. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  lifecycleIntervalMs = 30_000;

  /** Days after a meeting ends before the access needs recorded for it are deleted (docs/interpretation-and-access.md). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  accessNeedsRetentionDays = 7;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  graphqlMaxDepth = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  graphqlMaxAliases = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  graphqlMaxCost = 5000;

  /**
   * Lets the event rehearsal (`npm run rehearse`) run the app on a clock it moves forward
   * (OffsetClock). Off by default; production refuses to start with it on.
   */
  @Transform(toBool)
  @IsBoolean()
  clockControl = false;

  /** Log every SQL statement (debugging only). */
  @Transform(toBool)
  @IsBoolean()
  logSql = false;

  /**
   * The built web app (apps/web/build), served on the API's origin when it holds an index.html
   * (see core/web/web-app.ts). A relative path is taken from the working directory.
   */
  @IsString()
  @MinLength(1)
  webRoot = resolve(__dirname, '../../../web/build');

  /**
   * LiveKit (docs/architecture.md#video-rooms, #running-modes). The WebSocket URL browsers connect to (ws://… or wss://…). Unset in
   * production or test means "video unavailable"; the embedded mode falls back to a local
   * `livekit-server --dev` (ws://127.0.0.1:7880, devkey / secret) and reports "video unavailable"
   * while none answers.
   */
  @IsOptional()
  @IsString()
  @Matches(/^wss?:\/\//, { message: 'LIVEKIT_URL must start with ws:// or wss://' })
  livekitUrl?: string;

  /** Where the API calls LiveKit's RoomService (http(s)://…); defaults to livekitUrl with ws → http. */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\//, { message: 'LIVEKIT_API_URL must start with http:// or https://' })
  livekitApiUrl?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  livekitApiKey?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  livekitApiSecret?: string;

  /** Lifetime of a join token; never more than 15 minutes, and never past the join window's end. */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(900)
  livekitTokenTtlSeconds = 600;

  /** A room nobody joined closes after this long (RoomServiceClient.createRoom emptyTimeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  livekitEmptyTimeoutSeconds = 600;

  /** A room closes this long after its last participant left (createRoom departureTimeout). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  livekitDepartureTimeoutSeconds = 120;

  /** Timeout of one call to LiveKit's API; past it the call counts as "video unavailable". */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  livekitRequestTimeoutSeconds = 5;

  /**
   * E-mail (docs/architecture.md#running-modes): smtp://… or smtps://… sends through nodemailer; unset keeps every mail
   * in the in-app outbox and logs a line to the console (the embedded default).
   */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  smtpUrl?: string;

  /** The From: of every e-mail. */
  @IsString()
  @MinLength(3)
  mailFrom = 'Cyswllt <no-reply@cyswllt.invalid>';

  /** Timeout of one SMTP connection, greeting or socket wait. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  smtpTimeoutSeconds = 10;

  /**
   * Signs the one-click unsubscribe links of optional e-mails (HMAC-SHA256), at least 32
   * characters. Outside production a random key made on first start and kept in the data folder
   * stands in (installation-secret.ts); in production without it, e-mails carry no unsubscribe link.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MAIL_SIGNING_KEY must be at least 32 characters' })
  mailSigningKey?: string;

  /** Delivery attempts per e-mail before it is marked FAILED. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  outboxMaxAttempts = 8;

  /** Backoff after a failed attempt: base × 2^(attempts − 1). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  outboxRetryBaseSeconds = 60;

  /** E-mails one worker run claims at most. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  outboxBatchSize = 25;

  /** A claimed e-mail whose worker died is taken over by another run after this long. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  outboxClaimSeconds = 300;

  /**
   * Express `trust proxy`: which hops' X-Forwarded-For to believe for the client address (login
   * throttling, logs). `loopback` suits a proxy on the same machine; behind a load balancer give
   * its subnet(s), comma-separated (e.g. `10.0.0.0/8`), or the number of proxy hops.
   */
  @IsString()
  @MinLength(1)
  trustProxy = 'loopback';

  /**
   * When set, GET /metrics needs `Authorization: Bearer <token>`; when unset, /metrics answers only
   * requests from the loopback interface (a scraper beside the process).
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  metricsToken?: string;

  /** Log level of the JSON logs (pino): fatal, error, warn, info, debug, trace or silent. */
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel?: string;

  /** How long a graceful shutdown waits for in-flight requests before closing their connections. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120_000)
  shutdownGraceMs = 10_000;

  /**
   * Live updates (GraphQL subscriptions, docs/architecture.md#running-modes): `memory` delivers events within this one
   * process (the embedded default); `redis` carries them through Redis pub/sub, so a subscriber on
   * one API instance hears of a change made through another.
   */
  @IsIn(['memory', 'redis'])
  pubsub: PubSubKind = 'memory';

  /** Prefix of every pub/sub channel, so several deployments (or test runs) can share one Redis. */
  @IsString()
  @MinLength(1)
  pubsubChannelPrefix = 'cyswllt:';

  /**
   * Delayed jobs (reminders, docs/architecture.md#running-modes): `inprocess` polls on the lifecycle ticker (the
   * embedded default); `bullmq` keeps them as delayed BullMQ jobs in Redis (REDIS_URL), shared by
   * every API instance and surviving restarts.
   */
  @IsIn(['inprocess', 'bullmq'])
  jobs: JobsBackend = 'inprocess';

  /**
   * redis://… or rediss://…, for BullMQ and pub/sub alike; required when JOBS=bullmq
   * (PUBSUB=redis falls back to redis://127.0.0.1:6379).
   */
  @ValidateIf((config: AppConfig) => config.jobs === 'bullmq' || config.redisUrl !== undefined)
  @IsString()
  @Matches(/^rediss?:\/\//, {
    message: 'REDIS_URL must start with redis:// or rediss:// (and is required when JOBS=bullmq)',
  })
  redisUrl?: string;

  /** The Redis key prefix of the job queues (several deployments, or test files, on one Redis). */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  jobsPrefix = 'cyswllt';

  /** Attempts per job, then it stays failed in Redis; the wait doubles after each (exponential backoff). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  jobAttempts = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  jobBackoffSeconds = 30;

  /** The LiveKit settings in force, or undefined when video is not configured. */
  get livekit(): LiveKitSettings | undefined {
    const embedded = this.mode === 'embedded';
    const url = this.livekitUrl ?? (embedded ? 'ws://127.0.0.1:7880' : undefined);
    const apiKey = this.livekitApiKey ?? (embedded ? 'devkey' : undefined);
    const apiSecret = this.livekitApiSecret ?? (embedded ? 'secret' : undefined);
    if (!url || !apiKey || !apiSecret) return undefined;
    return { url, apiUrl: this.livekitApiUrl ?? url.replace(/^ws/, 'http'), apiKey, apiSecret };
  }

  get databaseEngine(): DatabaseEngine {
    return this.databaseUrl?.startsWith('postgres') ? 'postgres' : 'sqlite';
  }

  /** LOG_LEVEL, else info — warn in test mode (the tests and the CLI tools), to keep them quiet. */
  get effectiveLogLevel(): string {
    return this.logLevel ?? (this.mode === 'test' ? 'warn' : 'info');
  }

  get isProduction(): boolean {
    return this.mode === 'production';
  }
}

const ENV_KEYS: Record<string, keyof AppConfig> = {
  CYSWLLT_MODE: 'mode',
  PORT: 'port',
  HOST: 'host',
  DATABASE_URL: 'databaseUrl',
  SQLITE_PATH: 'sqlitePath',
  SEED_DEMO: 'seedDemo',
  RUN_MIGRATIONS_ON_START: 'runMigrationsOnStart',
  SESSION_TTL_HOURS: 'sessionTtlHours',
  INVITATION_TTL_HOURS: 'invitationTtlHours',
  LOGIN_ATTEMPTS_PER_WINDOW: 'loginAttemptsPerWindow',
  LOGIN_THROTTLE_WINDOW_SECONDS: 'loginThrottleWindowSeconds',
  PUBLIC_URL: 'publicUrl',
  LIFECYCLE_INTERVAL_MS: 'lifecycleIntervalMs',
  ACCESS_NEEDS_RETENTION_DAYS: 'accessNeedsRetentionDays',
  GRAPHQL_MAX_DEPTH: 'graphqlMaxDepth',
  GRAPHQL_MAX_ALIASES: 'graphqlMaxAliases',
  GRAPHQL_MAX_COST: 'graphqlMaxCost',
  LOG_SQL: 'logSql',
  CLOCK_CONTROL: 'clockControl',
  WEB_ROOT: 'webRoot',
  LIVEKIT_URL: 'livekitUrl',
  LIVEKIT_API_URL: 'livekitApiUrl',
  LIVEKIT_API_KEY: 'livekitApiKey',
  LIVEKIT_API_SECRET: 'livekitApiSecret',
  LIVEKIT_TOKEN_TTL_SECONDS: 'livekitTokenTtlSeconds',
  LIVEKIT_EMPTY_TIMEOUT_SECONDS: 'livekitEmptyTimeoutSeconds',
  LIVEKIT_DEPARTURE_TIMEOUT_SECONDS: 'livekitDepartureTimeoutSeconds',
  LIVEKIT_REQUEST_TIMEOUT_SECONDS: 'livekitRequestTimeoutSeconds',
  SMTP_URL: 'smtpUrl',
  MAIL_FROM: 'mailFrom',
  MAIL_SIGNING_KEY: 'mailSigningKey',
  SMTP_TIMEOUT_SECONDS: 'smtpTimeoutSeconds',
  OUTBOX_MAX_ATTEMPTS: 'outboxMaxAttempts',
  OUTBOX_RETRY_BASE_SECONDS: 'outboxRetryBaseSeconds',
  OUTBOX_BATCH_SIZE: 'outboxBatchSize',
  OUTBOX_CLAIM_SECONDS: 'outboxClaimSeconds',
  TRUST_PROXY: 'trustProxy',
  METRICS_TOKEN: 'metricsToken',
  LOG_LEVEL: 'logLevel',
  SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  PUBSUB: 'pubsub',
  REDIS_URL: 'redisUrl',
  PUBSUB_CHANNEL_PREFIX: 'pubsubChannelPrefix',
  JOBS: 'jobs',
  JOBS_PREFIX: 'jobsPrefix',
  JOB_ATTEMPTS: 'jobAttempts',
  JOB_BACKOFF_SECONDS: 'jobBackoffSeconds',
};

/** The environment variable behind a config field (for messages that say what to set). */
export function envNameOf(field: keyof AppConfig): string {
  return Object.keys(ENV_KEYS).find((key) => ENV_KEYS[key] === field) ?? String(field);
}

export class ConfigError extends Error {}

/** This process's configuration: its environment plus explicit overrides (command-line flags). */
export function processConfig(overrides: Partial<Record<keyof AppConfig, unknown>> = {}): AppConfig {
  return loadConfig(process.env, overrides);
}

/**
 * Builds the validated configuration from an environment (process.env by default) plus
 * explicit overrides (tests, CLI flags). Throws ConfigError naming every bad variable.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof AppConfig, unknown>> = {},
): AppConfig {
  const plain: Record<string, unknown> = {};
  for (const [envKey, field] of Object.entries(ENV_KEYS)) {
    if (env[envKey] !== undefined) plain[field] = env[envKey];
  }
  Object.assign(plain, overrides);
  const config = plainToInstance(AppConfig, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const detail = errors
      .map((e) => `${envNameOf(e.property as keyof AppConfig)}: ${Object.values(e.constraints ?? {}).join('; ')}`)
      .join('\n');
    throw new ConfigError(`Invalid configuration:\n${detail}`);
  }
  return config;
}

/** LiveKit refuses API secrets shorter than this; we ask the same of every production secret. */
export const MIN_SECRET_LENGTH = 32;

/** Secrets that ship in examples and dev servers (livekit-server --dev, our docs), never for real use. */
const KNOWN_SECRETS = new Set(['secret', 'devkey', 'changeme', 'change-me', 'password', 'devsecret']);

function weakSecret(value: string | undefined): string | undefined {
  if (value === undefined) return 'is not set';
  if (KNOWN_SECRETS.has(value.toLowerCase())) return 'is a well-known default';
  if (value.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  return undefined;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/**
 * Everything that makes a configuration unsafe to run in production, one line per problem, each
 * naming the variable to set (empty outside production, and when all is well). `env` is only
 * read for settings the app never honours but a deployment might try (TYPEORM_SYNCHRONIZE).
 */
export function productionProblems(config: AppConfig, env: Record<string, string | undefined> = process.env): string[] {
  if (!config.isProduction) return [];
  const problems: string[] = [];
  const say = (field: keyof AppConfig, what: string) => problems.push(`${envNameOf(field)}: ${what}`);

  if (config.databaseEngine !== 'postgres') {
    say(
      'databaseUrl',
      'set postgres://user:password@host:5432/db — the SQLite file serves one process on one machine, not several API instances',
    );
  }
  if (isTruthy(env.TYPEORM_SYNCHRONIZE)) {
    problems.push(
      'TYPEORM_SYNCHRONIZE: unset it — the schema comes only from migrations (npm run migrate), never from synchronize',
    );
  }
  if (config.seedDemo) say('seedDemo', 'set false (and drop --seed-demo) — the demo accounts have published passwords');
  if (config.clockControl)
    say('clockControl', 'set false — a controllable clock is for the event rehearsal and tests only');
  if (config.logSql) say('logSql', 'set false — SQL logs carry parameters, i.e. personal data');

  let publicUrl: URL | undefined;
  try {
    publicUrl = new URL(config.publicUrl);
  } catch {
    say('publicUrl', `"${config.publicUrl}" is not a URL; set the https:// address users open`);
  }
  if (publicUrl && publicUrl.protocol !== 'https:') {
    say(
      'publicUrl',
      'set the https:// address users open — the login cookie is Secure (__Host-), so browsers drop it over plain HTTP',
    );
  }

  if (!config.livekitUrl) say('livekitUrl', 'set the wss:// address of the LiveKit server browsers connect to');
  else if (!config.livekitUrl.startsWith('wss://'))
    say('livekitUrl', 'use wss:// — a page served over https may not open ws:// connections');
  const keyProblem =
    config.livekitApiKey === undefined
      ? 'is not set'
      : KNOWN_SECRETS.has(config.livekitApiKey.toLowerCase())
        ? 'is a well-known default'
        : undefined;
  if (keyProblem) say('livekitApiKey', `${keyProblem}; set the API key from the LiveKit server's keys`);
  const secretProblem = weakSecret(config.livekitApiSecret);
  if (secretProblem)
    say(
      'livekitApiSecret',
      `${secretProblem}; set the matching secret (at least ${MIN_SECRET_LENGTH} random characters)`,
    );

  if (!config.smtpUrl)
    say(
      'smtpUrl',
      'set smtps://user:password@host:465 (or smtp://…) — without it invitations and reminders never leave the outbox',
    );
  if (config.metricsToken !== undefined) {
    const metricsProblem = weakSecret(config.metricsToken);
    if (metricsProblem)
      say(
        'metricsToken',
        `${metricsProblem}; set at least ${MIN_SECRET_LENGTH} random characters, or unset it to serve /metrics on loopback only`,
      );
  }
  return problems;
}

/** Start-up's gate (main.ts): throws one ConfigError listing every production problem at once. */
export function assertSafeForProduction(
  config: AppConfig,
  env: Record<string, string | undefined> = process.env,
): void {
  const problems = productionProblems(config, env);
  if (problems.length > 0) {
    throw new ConfigError(
      `Refusing to start in production with an unsafe configuration. Set:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
