import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config';
import { loggerOptions, scrubPersonalData } from './logger';

function capture(): { logger: pino.Logger; text: () => string; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const logger = pino(loggerOptions(loadConfig({})), { write: (line: string) => raw.push(line) });
  return {
    logger,
    text: () => raw.join(''),
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('log redaction', () => {
  it('scrubs e-mail addresses from free text', () => {
    expect(scrubPersonalData('invite to a.b+c@iechyd.cymru and x@y.co.uk sent')).toBe(
      'invite to [email] and [email] sent',
    );
  });

  it('logs a driver error by type, message, code and stack only: never its parameters', () => {
    const { logger, text, lines } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), {
      code: '23505',
      query: 'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      parameters: ['seren@example.cymru', '$argon2id$v=19$secret'],
      driverError: { detail: 'Key (email)=(seren@example.cymru) already exists.' },
    });
    logger.error({ err: error }, 'insert failed for seren@example.cymru');
    expect(text()).not.toContain('seren@example.cymru');
    expect(text()).not.toContain('argon2id');
    expect(lines()[0]).toMatchObject({ msg: 'insert failed for [email]', err: { type: 'Error', code: '23505' } });
  });

  it('redacts credentials and personal fields of logged objects', () => {
    const { logger, text } = capture();
    logger.info(
      {
        req: { headers: { cookie: 'session=abc123', authorization: 'Bearer t0ken' } },
        input: { email: 'a@b.cymru', password: 'pw-123456' },
        variables: { x: 1 },
      },
      'x',
    );
    for (const secret of ['abc123', 't0ken', 'a@b.cymru', 'pw-123456', '"x":1']) expect(text()).not.toContain(secret);
    expect(text()).toContain('[redacted]');
  });
});
