import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
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

/**
 * Published when what a signed-in person is known by (name, language, e-mail, roles) changes: any
 * code that changes those columns of `users` calls actorChanged().
 */
export const ACTOR_CHANGED_TOPIC = 'actor-changed';

/**
 * How long a sign-in found in the database is trusted from memory. Ending a login or changing its
 * person forgets it at once, on every instance (LOGINS_ENDED_TOPIC, ACTOR_CHANGED_TOPIC); this
 * bounds the harm should such an event be lost (Redis unreachable at that moment).
 */
const CACHE_TTL_MS = 30_000;
/** Sign-ins kept in memory; past this the oldest are read again when next used. */
const MAX_CACHED = 20_000;

interface CachedLogin {
  actor: Actor;
  expiresAt: number;
  readAt: number;
}

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

interface SessionRow {
  session_id: string;
  expires_at: unknown;
  user_id: string;
  email: string;
  display_name: string;
  preferred_language: Language;
  roles: string;
  email_confirmed_at: unknown;
}

/**
 * Login sessions: the cookie carries a random token, the database only its hash. Every
 * authenticated request needs its actor, so a sign-in once read is kept in memory (issue #18:
 * one statement less per request) until it expires, is revoked, or its person changes.
 */
@Injectable()
export class LoginSessionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly cache = new Map<string, CachedLogin>();
  /** Bumped by every forget(): a look-up that raced one is answered but not kept. */
  private generation = 0;
  private readonly streams: AsyncIterableIterator<LoginsEndedEvent>[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly live: LiveEvents,
  ) {}

  /** Starts a new session for the user, revoking the one this browser had (rotation on login). */
  async start(
    userId: string,
    previousToken: string | undefined,
  ): Promise<{ token: string; expiresAt: Date; loginSessionId: string }> {
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

  async onApplicationBootstrap(): Promise<void> {
    for (const topic of [LOGINS_ENDED_TOPIC, ACTOR_CHANGED_TOPIC]) {
      const stream = await this.live.subscribe<LoginsEndedEvent>(topic);
      this.streams.push(stream);
      void (async () => {
        for await (const event of stream) this.forget(event);
      })();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.streams.map((stream) => stream.return?.()));
  }

  /** The actor behind a cookie token, from memory or in one statement; null when unknown, expired or revoked. */
  async resolve(token: string): Promise<Actor | null> {
    const tokenHash = sha256(token);
    const now = this.clock.now().getTime();
    const cached = this.cache.get(tokenHash);
    if (cached && cached.expiresAt > now && now - cached.readAt < CACHE_TTL_MS) return cached.actor;
    if (cached) this.cache.delete(tokenHash);
    const generation = this.generation;
    const { rows } = await this.db.sql<SessionRow>(
      `SELECT s.id AS session_id, s.expires_at, u.id AS user_id, u.email, u.display_name, u.preferred_language, u.roles, u.email_confirmed_at
         FROM login_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
      [tokenHash, this.db.instant(new Date(now))],
    );
    const row = rows[0];
    if (!row) return null;
    // Shared by every request of this login while cached: frozen, so none can change it for the others.
    const actor: Actor = Object.freeze({
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      language: row.preferred_language,
      roles: Object.freeze(JSON.parse(row.roles) as Role[]) as Role[],
      loginSessionId: row.session_id,
      emailConfirmed: row.email_confirmed_at !== null,
    });
    if (generation === this.generation) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(tokenHash, { actor, expiresAt: this.db.readInstant(row.expires_at).getTime(), readAt: now });
    }
    return actor;
  }

  /**
   * After `em` commits: the user's name, language or e-mail changed, or their logins were deleted
   * (erasure); every instance reads their sign-ins again.
   */
  actorChanged(userId: string, em: EntityManager): void {
    this.forgetAfterCommit(em, ACTOR_CHANGED_TOPIC, { userId });
  }

  /** Here at once when `em` commits (before the response), elsewhere through the live-event engine. */
  private forgetAfterCommit(em: EntityManager, topic: string, event: LoginsEndedEvent): void {
    this.db.afterCommit(em, () => this.forget(event));
    this.live.afterCommit(em, topic, event);
  }

  private forget(event: LoginsEndedEvent): void {
    this.generation += 1;
    for (const [hash, { actor }] of this.cache) {
      if ('userId' in event ? actor.id === event.userId : actor.loginSessionId === event.loginSessionId)
        this.cache.delete(hash);
    }
  }

  async revoke(token: string): Promise<void> {
    await this.db.write((em) => this.revokeByHash(sha256(token), em));
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.db.write((em) => this.revokeAllIn(userId, em));
  }

  /** Revokes every login of the user inside the caller's transaction (a password reset). */
  async revokeAllIn(userId: string, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE login_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      [this.db.instant(this.clock.now()), userId],
      em,
    );
    this.forgetAfterCommit(em, LOGINS_ENDED_TOPIC, { userId });
  }

  private async revokeByHash(tokenHash: string, em: EntityManager): Promise<void> {
    const { rows } = await this.db.sql<{ id: string }>(
      'SELECT id FROM login_sessions WHERE token_hash = ? AND revoked_at IS NULL',
      [tokenHash],
      em,
    );
    if (rows.length === 0) return;
    await this.db.sql(
      'UPDATE login_sessions SET revoked_at = ? WHERE id = ?',
      [this.db.instant(this.clock.now()), rows[0].id],
      em,
    );
    this.forgetAfterCommit(em, LOGINS_ENDED_TOPIC, { loginSessionId: rows[0].id });
  }
}
