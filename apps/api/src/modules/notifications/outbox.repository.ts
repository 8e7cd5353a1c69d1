import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { NotificationPreferenceEntity } from './entities/notification-preference.entity';
import { DeliveryChannel, NotificationKind, OutboxStatus } from './notifications.enums';

/** All SQL of the notifications module: the outbox and the preferences. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /**
   * Queues e-mails in one statement; a row whose dedupe key is queued already is skipped
   * (ON CONFLICT DO NOTHING). Returns how many were queued.
   */
  async enqueue(rows: OutboxMessageEntity[], em: EntityManager): Promise<number> {
    if (rows.length === 0) return 0;
    const columns: [string, (row: OutboxMessageEntity) => unknown][] = [
      ['id', (r) => r.id],
      ['recipient_id', (r) => r.recipientId],
      ['recipient_address', (r) => r.recipientAddress],
      ['language', (r) => r.language],
      ['kind', (r) => r.kind],
      ['meeting_id', (r) => r.meetingId],
      ['request_id', (r) => r.requestId],
      ['payload', (r) => r.payload],
      ['dedupe_key', (r) => r.dedupeKey],
      ['status', (r) => r.status],
      ['attempts', (r) => r.attempts],
      ['next_attempt_at', (r) => this.db.instant(r.nextAttemptAt)],
      ['created_at', (r) => this.db.instant(r.createdAt)],
    ];
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const { affected } = await this.db.sql(
      `INSERT INTO outbox (${columns.map(([c]) => c).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
      rows.flatMap((row) => columns.map(([, value]) => value(row))),
      em,
    );
    return affected;
  }

  /**
   * enqueue() for rows to people with an account, each in its recipient's own language (Welsh or
   * English) and left out when the recipient switched that kind off (`optional` rows only), both
   * read by the same INSERT: a change's e-mails cost one statement, not reads of the recipients
   * and their settings and then the insert. A row whose recipient is gone is left out too.
   */
  async enqueueForRecipients(
    rows: { row: Omit<OutboxMessageEntity, 'language'>; optional: boolean }[],
    em: EntityManager,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    // VALUES has no column types of its own: PostgreSQL needs them named (SQLite converts by affinity).
    const pg = this.db.engine === 'postgres';
    const int = pg ? 'CAST(? AS integer)' : '?';
    const instant = pg ? 'CAST(? AS timestamptz)' : '?';
    const tuple = `(?, ?, ?, ?, ?, ?, ?, ?, ${int}, ${instant}, ${instant}, ${int})`;
    const { affected } = await this.db.sql(
      `INSERT INTO outbox (id, recipient_id, language, kind, meeting_id, request_id, payload, dedupe_key, status, attempts, next_attempt_at, created_at)
       SELECT v.column1, v.column2, CASE WHEN u.preferred_language = 'cy' THEN 'cy' ELSE 'en' END,
              v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10, v.column11
         FROM (VALUES ${rows.map(() => tuple).join(', ')}) v JOIN users u ON u.id = v.column2
        WHERE v.column12 = 0
           OR NOT EXISTS (SELECT 1 FROM notification_preferences np
                           WHERE np.user_id = v.column2 AND np.kind = v.column3 AND NOT np.enabled)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      rows.flatMap(({ row: r, optional }) => [
        r.id,
        r.recipientId,
        r.kind,
        r.meetingId,
        r.requestId,
        r.payload,
        r.dedupeKey,
        r.status,
        r.attempts,
        this.db.instant(r.nextAttemptAt),
        this.db.instant(r.createdAt),
        optional ? 1 : 0,
      ]),
      em,
    );
    return affected;
  }

  /** Which of these dedupe keys are queued already. */
  async queuedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await this.db.sql<{ dedupe_key: string }>(
      `SELECT dedupe_key FROM outbox WHERE dedupe_key IN (${keys.map(() => '?').join(', ')})`,
      keys,
    );
    return new Set(rows.map((row) => row.dedupe_key));
  }

  /**
   * Claims up to `limit` due e-mails for one worker run (its `token`): PENDING ones whose time has
   * come, and SENDING ones whose worker's claim ran out (it died mid-send). One conditional UPDATE;
   * on PostgreSQL the candidate rows are locked FOR UPDATE SKIP LOCKED, so concurrent workers on
   * several API instances never claim the same row. SQLite has one writer at a time.
   */
  async claim(
    token: string,
    now: Date,
    claimedUntil: Date,
    limit: number,
    em: EntityManager,
  ): Promise<OutboxMessageEntity[]> {
    const lock = this.db.engine === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const at = this.db.instant(now);
    await this.db.sql(
      `UPDATE outbox SET status = 'SENDING', claim_token = ?, claimed_until = ?, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox
           WHERE (status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND claimed_until < ?)
           ORDER BY next_attempt_at, id
           LIMIT ? ${lock})`,
      [token, this.db.instant(claimedUntil), at, at, limit],
      em,
    );
    return em.find(OutboxMessageEntity, { where: { claimToken: token }, order: { nextAttemptAt: 'ASC', id: 'ASC' } });
  }

  /** Only the run that holds the claim can settle the row; `payload` replaces the event (a secret it carried is dropped once sent). */
  async markSent(
    id: string,
    token: string,
    channel: DeliveryChannel,
    now: Date,
    payload: string,
    em: EntityManager,
  ): Promise<boolean> {
    const { affected } = await this.db.sql(
      `UPDATE outbox SET status = 'SENT', channel = ?, sent_at = ?, payload = ?, claim_token = NULL, claimed_until = NULL, last_error = NULL
        WHERE id = ? AND claim_token = ? AND status = 'SENDING'`,
      [channel, this.db.instant(now), payload, id, token],
      em,
    );
    return affected === 1;
  }

  /** After a failed attempt: back to PENDING until `retryAt`, or FAILED when retryAt is null. */
  async markFailed(
    id: string,
    token: string,
    error: string,
    retryAt: Date | null,
    em: EntityManager,
  ): Promise<boolean> {
    const { affected } = await this.db.sql(
      `UPDATE outbox SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?, claim_token = NULL, claimed_until = NULL
        WHERE id = ? AND claim_token = ? AND status = 'SENDING'`,
      [
        retryAt ? OutboxStatus.PENDING : OutboxStatus.FAILED,
        retryAt ? this.db.instant(retryAt) : null,
        error.slice(0, 1000),
        id,
        token,
      ],
      em,
    );
    return affected === 1;
  }

  listForRecipient(userId: string, limit: number): Promise<OutboxMessageEntity[]> {
    return this.db.manager.find(OutboxMessageEntity, {
      where: { recipientId: userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  list(limit: number, statuses?: OutboxStatus[]): Promise<OutboxMessageEntity[]> {
    return this.db.manager.find(OutboxMessageEntity, {
      where: statuses && statuses.length > 0 ? { status: In(statuses) } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  preferencesOf(userId: string): Promise<NotificationPreferenceEntity[]> {
    return this.db.manager.find(NotificationPreferenceEntity, { where: { userId } });
  }

  async upsertPreference(
    userId: string,
    kind: NotificationKind,
    enabled: boolean,
    now: Date,
    em: EntityManager,
  ): Promise<void> {
    await this.db.sql(
      `INSERT INTO notification_preferences (user_id, kind, enabled, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, kind) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
      [userId, kind, enabled, this.db.instant(now)],
      em,
    );
  }
}
