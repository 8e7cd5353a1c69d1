import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';

export type RunMode = 'embedded' | 'production' | 'test';
export type DatabaseEngine = 'sqlite' | 'postgres';

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
