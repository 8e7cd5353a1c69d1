import { describe, expect, it } from 'vitest';
import { assertSafeForProduction, ConfigError, loadConfig, productionProblems } from './app-config';

const SAFE_PRODUCTION_ENV = {
  CYSWLLT_MODE: 'production',
  DATABASE_URL: 'postgres://cyswllt:pw@db:5432/cyswllt',
  PUBLIC_URL: 'https://cyswllt.example.org',
  LIVEKIT_URL: 'wss://livekit.example.org',
  LIVEKIT_API_KEY: 'APIa1b2c3d4',
  LIVEKIT_API_SECRET: 'k3J9xQ2mV8pL4rT6wY1zB5nC7dF0gH2s',
  SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  return productionProblems(loadConfig(env), env);
}

describe('production start-up gate', () => {
  it('accepts a complete, safe production configuration', () => {
    expect(problemsOf(SAFE_PRODUCTION_ENV)).toEqual([]);
    expect(() => assertSafeForProduction(loadConfig(SAFE_PRODUCTION_ENV), SAFE_PRODUCTION_ENV)).not.toThrow();
  });

  it('says nothing outside production, where the embedded defaults are meant to be used', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ CYSWLLT_MODE: 'test', LIVEKIT_API_SECRET: 'secret' })).toEqual([]);
  });

  it('lists every problem of a bare production config at once, each naming the variable to set', () => {
    const env = { CYSWLLT_MODE: 'production' };
    const problems = problemsOf(env);
    const variables = problems.map((line) => line.split(':')[0]);
    expect(variables).toEqual([
      'DATABASE_URL',
      'PUBLIC_URL',
      'LIVEKIT_URL',
      'LIVEKIT_API_KEY',
      'LIVEKIT_API_SECRET',
      'SMTP_URL',
    ]);

    let thrown: unknown;
    try {
      assertSafeForProduction(loadConfig(env), env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    for (const variable of variables) expect((thrown as Error).message).toContain(`  - ${variable}:`);
  });

  it('refuses SQLite, which one process on one machine owns', () => {
    const { DATABASE_URL: _, ...env } = SAFE_PRODUCTION_ENV;
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^DATABASE_URL: set postgres:\/\/.*several API instances/)]);
  });

  it('refuses default and short LiveKit secrets and the dev key', () => {
    expect(problemsOf({ ...SAFE_PRODUCTION_ENV, LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: 'secret' })).toEqual([
      expect.stringMatching(/^LIVEKIT_API_KEY: is a well-known default/),
      expect.stringMatching(/^LIVEKIT_API_SECRET: is a well-known default/),
    ]);
    expect(problemsOf({ ...SAFE_PRODUCTION_ENV, LIVEKIT_API_SECRET: 'x'.repeat(31) })).toEqual([
      expect.stringMatching(/^LIVEKIT_API_SECRET: is shorter than 32 characters/),
    ]);
  });

  it('refuses plain HTTP for the public origin (Secure cookies) and ws:// for LiveKit', () => {
    expect(
      problemsOf({
        ...SAFE_PRODUCTION_ENV,
        PUBLIC_URL: 'http://cyswllt.example.org',
        LIVEKIT_URL: 'ws://livekit:7880',
      }),
    ).toEqual([expect.stringMatching(/^PUBLIC_URL: .*Secure/), expect.stringMatching(/^LIVEKIT_URL: use wss:\/\//)]);
  });

  it('refuses synchronize, demo seeding and SQL logging', () => {
    expect(
      problemsOf({ ...SAFE_PRODUCTION_ENV, TYPEORM_SYNCHRONIZE: 'true', SEED_DEMO: 'true', LOG_SQL: '1' }),
    ).toEqual([
      expect.stringMatching(/^TYPEORM_SYNCHRONIZE: unset it/),
      expect.stringMatching(/^SEED_DEMO: set false/),
      expect.stringMatching(/^LOG_SQL: set false/),
    ]);
  });

  it('refuses the controllable clock of the event rehearsal', () => {
    expect(problemsOf({ ...SAFE_PRODUCTION_ENV, CLOCK_CONTROL: 'true' })).toEqual([
      expect.stringMatching(/^CLOCK_CONTROL: set false/),
    ]);
    expect(problemsOf({ ...SAFE_PRODUCTION_ENV, CLOCK_CONTROL: 'false' })).toEqual([]);
  });

  it('refuses a short metrics token, and accepts none (loopback-only /metrics)', () => {
    expect(problemsOf({ ...SAFE_PRODUCTION_ENV, METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN: is shorter/),
    ]);
    expect(problemsOf({ ...SAFE_PRODUCTION_ENV, METRICS_TOKEN: 'm'.repeat(12) + 'Q7r2v9Zx4kP1s8Ld6Wc3Bn5T' })).toEqual(
      [],
    );
  });
});
