import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';

export type RunMode = 'embedded' | 'production' | 'test';
export type DatabaseEngine = 'sqlite' | 'postgres';

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

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  port = 3000;

  @IsString()
  host = '127.0.0.1';

  /** postgres://… selects PostgreSQL; unset selects the embedded SQLite file. */
  @IsOptional() @IsString()
  databaseUrl?: string;

  @IsString()
  sqlitePath = './data/cyswllt.sqlite';

  /** Seed taxonomies and a demo data set at start-up (embedded quick start). */
  @Transform(toBool) @IsBoolean()
  seedDemo = false;

  @Transform(toBool) @IsBoolean()
  runMigrationsOnStart = true;

  @Transform(toInt) @IsInt() @Min(1)
  sessionTtlHours = 24 * 14;

  @Transform(toInt) @IsInt() @Min(1)
  invitationTtlHours = 24 * 7;

  /** Login attempts per e-mail address and client within loginThrottleWindowSeconds. */
  @Transform(toInt) @IsInt() @Min(1)
  loginAttemptsPerWindow = 5;

  @Transform(toInt) @IsInt() @Min(1)
  loginThrottleWindowSeconds = 15 * 60;

  @IsString() @MinLength(8)
  publicUrl = 'http://localhost:3000';

  /** How often the clock-driven lifecycle (LIVE, CLOSED, EXPIRED) is applied. */
  @Transform(toInt) @IsInt() @Min(100)
  lifecycleIntervalMs = 30_000;

  @Transform(toInt) @IsInt() @Min(1)
  graphqlMaxDepth = 10;

  @Transform(toInt) @IsInt() @Min(1)
  graphqlMaxAliases = 15;

  @Transform(toInt) @IsInt() @Min(1)
  graphqlMaxCost = 5000;

  /** Log every SQL statement (debugging only). */
  @Transform(toBool) @IsBoolean()
  logSql = false;

  /**
   * The built web app (apps/web/build), served on the API's origin when it holds an index.html
   * (see core/web/web-app.ts). A relative path is taken from the working directory.
   */
  @IsString() @MinLength(1)
  webRoot = resolve(__dirname, '../../../web/build');

  /**
   * LiveKit (DESIGN.md §3, §5). The WebSocket URL browsers connect to (ws://… or wss://…). Unset in
   * production or test means "video unavailable"; the embedded mode falls back to a local
   * `livekit-server --dev` (ws://127.0.0.1:7880, devkey / secret) and reports "video unavailable"
   * while none answers.
   */
  @IsOptional() @IsString() @Matches(/^wss?:\/\//, { message: 'LIVEKIT_URL must start with ws:// or wss://' })
  livekitUrl?: string;

  /** Where the API calls LiveKit's RoomService (http(s)://…); defaults to livekitUrl with ws → http. */
  @IsOptional() @IsString() @Matches(/^https?:\/\//, { message: 'LIVEKIT_API_URL must start with http:// or https://' })
  livekitApiUrl?: string;

  @IsOptional() @IsString() @MinLength(1)
  livekitApiKey?: string;

  @IsOptional() @IsString() @MinLength(1)
  livekitApiSecret?: string;

  /** Lifetime of a join token; never more than 15 minutes, and never past the join window's end. */
  @Transform(toInt) @IsInt() @Min(30) @Max(900)
  livekitTokenTtlSeconds = 600;

  /** A room nobody joined closes after this long (RoomServiceClient.createRoom emptyTimeout). */
  @Transform(toInt) @IsInt() @Min(1)
  livekitEmptyTimeoutSeconds = 600;

  /** A room closes this long after its last participant left (createRoom departureTimeout). */
  @Transform(toInt) @IsInt() @Min(0)
  livekitDepartureTimeoutSeconds = 120;

  /** Timeout of one call to LiveKit's API; past it the call counts as "video unavailable". */
  @Transform(toInt) @IsInt() @Min(1) @Max(60)
  livekitRequestTimeoutSeconds = 5;

  /**
   * E-mail (DESIGN.md §5): smtp://… or smtps://… sends through nodemailer; unset keeps every mail
   * in the in-app outbox and logs a line to the console (the embedded default).
   */
  @IsOptional() @IsString() @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  smtpUrl?: string;

  /** The From: of every e-mail. */
  @IsString() @MinLength(3)
  mailFrom = 'Cyswllt <no-reply@cyswllt.invalid>';

  /** Timeout of one SMTP connection, greeting or socket wait. */
  @Transform(toInt) @IsInt() @Min(1) @Max(120)
  smtpTimeoutSeconds = 10;

  /** Delivery attempts per e-mail before it is marked FAILED. */
  @Transform(toInt) @IsInt() @Min(1) @Max(30)
  outboxMaxAttempts = 8;

  /** Backoff after a failed attempt: base × 2^(attempts − 1). */
  @Transform(toInt) @IsInt() @Min(1)
  outboxRetryBaseSeconds = 60;

  /** E-mails one worker run claims at most. */
  @Transform(toInt) @IsInt() @Min(1) @Max(500)
  outboxBatchSize = 25;

  /** A claimed e-mail whose worker died is taken over by another run after this long. */
  @Transform(toInt) @IsInt() @Min(10)
  outboxClaimSeconds = 300;

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
  GRAPHQL_MAX_DEPTH: 'graphqlMaxDepth',
  GRAPHQL_MAX_ALIASES: 'graphqlMaxAliases',
  GRAPHQL_MAX_COST: 'graphqlMaxCost',
  LOG_SQL: 'logSql',
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
  SMTP_TIMEOUT_SECONDS: 'smtpTimeoutSeconds',
  OUTBOX_MAX_ATTEMPTS: 'outboxMaxAttempts',
  OUTBOX_RETRY_BASE_SECONDS: 'outboxRetryBaseSeconds',
  OUTBOX_BATCH_SIZE: 'outboxBatchSize',
  OUTBOX_CLAIM_SECONDS: 'outboxClaimSeconds',
};

export class ConfigError extends Error {}

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
    const envName = (field: string) => Object.keys(ENV_KEYS).find((k) => ENV_KEYS[k] === field) ?? field;
    const detail = errors
      .map((e) => `${envName(e.property)}: ${Object.values(e.constraints ?? {}).join('; ')}`)
      .join('\n');
    throw new ConfigError(`Invalid configuration:\n${detail}`);
  }
  return config;
}
