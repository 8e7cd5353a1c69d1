import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { Database } from '../database/database';
import { LiveEvents } from '../realtime/live-events';
import { Actor, Language, Role } from './role';

export const SESSION_COOKIE = '__Host-cyswllt_session';

/** Published when login sessions end (sign-out, rotation, revoke-all), so open sockets close too. */
export const LOGINS_ENDED_TOPIC = 'logins-ended';

export type LoginsEndedEvent = { loginSessionId: string } | { userId: string };

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  display_name: string;
  preferred_language: Language;
  roles: string;
}

/** Login sessions: the cookie carries a random token, the database only its hash. */
@Injectable()
export class LoginSessionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly live: LiveEvents,
  ) {}

  /** Starts a new session for the user, revoking the one this browser had (rotation on login). */
  async start(userId: string, previousToken: string | undefined): Promise<{ token: string; expiresAt: Date; loginSessionId: string }> {
    const token = newSecretToken();
    const loginSessionId = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3600_000);
    await this.db.write(async (em) => {
      if (previousToken) await this.revokeByHash(sha256(previousToken), em);
      await this.db.sql(
        'INSERT INTO login_sessions (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [loginSessionId, userId, sha256(token), this.db.instant(now), this.db.instant(expiresAt)],
        em,
      );
    });
    return { token, expiresAt, loginSessionId };
  }

  /** The actor behind a cookie token, in one statement, or null when unknown, expired or revoked. */
  async resolve(token: string): Promise<Actor | null> {
    const { rows } = await this.db.sql<SessionRow>(
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.display_name, u.preferred_language, u.roles
         FROM login_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
      [sha256(token), this.db.instant(this.clock.now())],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      language: row.preferred_language,
      roles: JSON.parse(row.roles) as Role[],
      loginSessionId: row.session_id,
    };
  }

  async revoke(token: string): Promise<void> {
    await this.db.write((em) => this.revokeByHash(sha256(token), em));
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.db.write((em) => this.revokeAllIn(userId, em));
  }

  /** Revokes every login of the user inside the caller's transaction (a password reset). */
  async revokeAllIn(userId: string, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE login_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [this.db.instant(this.clock.now()), userId], em);
    this.live.afterCommit(em, LOGINS_ENDED_TOPIC, { userId } satisfies LoginsEndedEvent);
  }

  private async revokeByHash(tokenHash: string, em: EntityManager): Promise<void> {
    const { rows } = await this.db.sql<{ id: string }>('SELECT id FROM login_sessions WHERE token_hash = ? AND revoked_at IS NULL', [tokenHash], em);
    if (rows.length === 0) return;
    await this.db.sql('UPDATE login_sessions SET revoked_at = ? WHERE id = ?', [this.db.instant(this.clock.now()), rows[0].id], em);
    this.live.afterCommit(em, LOGINS_ENDED_TOPIC, { loginSessionId: rows[0].id } satisfies LoginsEndedEvent);
  }
}
