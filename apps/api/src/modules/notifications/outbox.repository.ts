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

  /** Queues one e-mail in the caller's transaction; false when its dedupe key was queued before. */
  async enqueue(row: OutboxMessageEntity, em: EntityManager): Promise<boolean> {
    const columns: [string, unknown][] = [
      ['id', row.id],
      ['recipient_id', row.recipientId],
      ['recipient_email', row.recipientEmail],
      ['language', row.language],
      ['kind', row.kind],
      ['meeting_id', row.meetingId],
      ['request_id', row.requestId],
      ['subject', row.subject],
      ['body_text', row.bodyText],
      ['body_html', row.bodyHtml],
      ['ics', row.ics],
      ['ics_method', row.icsMethod],
      ['ics_replaced', row.icsReplaced],
      ['dedupe_key', row.dedupeKey],
      ['status', row.status],
      ['attempts', row.attempts],
      ['next_attempt_at', this.db.instant(row.nextAttemptAt)],
      ['created_at', this.db.instant(row.createdAt)],
    ];
    const { affected } = await this.db.sql(
      `INSERT INTO outbox (${columns.map(([c]) => c).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (dedupe_key) DO NOTHING`,
      columns.map(([, v]) => v),
      em,
    );
    return affected === 1;
  }

  /** Which of these dedupe keys are queued already (so nothing is rendered twice). */
  async existingKeys(keys: string[], em: EntityManager): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await em.find(OutboxMessageEntity, { select: { dedupeKey: true }, where: { dedupeKey: In(keys) } });
    return new Set(rows.map((row) => row.dedupeKey));
  }

  /**
   * Claims up to `limit` due e-mails for one worker run (its `token`): PENDING ones whose time has
   * come, and SENDING ones whose worker's claim ran out (it died mid-send). One conditional UPDATE;
   * on PostgreSQL the candidate rows are locked FOR UPDATE SKIP LOCKED, so concurrent workers on
   * several API instances never claim the same row. SQLite has one writer at a time.
   */
  async claim(token: string, now: Date, claimedUntil: Date, limit: number, em: EntityManager): Promise<OutboxMessageEntity[]> {
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

  /** Only the run that holds the claim can settle the row. */
  async markSent(id: string, token: string, channel: DeliveryChannel, now: Date, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      `UPDATE outbox SET status = 'SENT', channel = ?, sent_at = ?, claim_token = NULL, claimed_until = NULL, last_error = NULL
        WHERE id = ? AND claim_token = ? AND status = 'SENDING'`,
      [channel, this.db.instant(now), id, token],
      em,
    );
    return affected === 1;
  }

  /** After a failed attempt: back to PENDING until `retryAt`, or FAILED when retryAt is null. */
  async markFailed(id: string, token: string, error: string, retryAt: Date | null, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      `UPDATE outbox SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?, claim_token = NULL, claimed_until = NULL
        WHERE id = ? AND claim_token = ? AND status = 'SENDING'`,
      [retryAt ? OutboxStatus.PENDING : OutboxStatus.FAILED, retryAt ? this.db.instant(retryAt) : null, error.slice(0, 1000), id, token],
      em,
    );
    return affected === 1;
  }

  listForRecipient(userId: string, limit: number): Promise<OutboxMessageEntity[]> {
    return this.db.manager.find(OutboxMessageEntity, { where: { recipientId: userId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit });
  }

  list(limit: number, statuses?: OutboxStatus[]): Promise<OutboxMessageEntity[]> {
    return this.db.manager.find(OutboxMessageEntity, {
      where: statuses && statuses.length > 0 ? { status: In(statuses) } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  /** (user, kind) pairs switched off, among these people. */
  async disabledKinds(userIds: string[], em: EntityManager = this.db.manager): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await em.find(NotificationPreferenceEntity, { where: { userId: In(userIds), enabled: false } });
    return new Set(rows.map((row) => `${row.userId}:${row.kind}`));
  }

  preferencesOf(userId: string): Promise<NotificationPreferenceEntity[]> {
    return this.db.manager.find(NotificationPreferenceEntity, { where: { userId } });
  }

  async upsertPreference(userId: string, kind: NotificationKind, enabled: boolean, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO notification_preferences (user_id, kind, enabled, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, kind) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
      [userId, kind, enabled, this.db.instant(now)],
      em,
    );
  }
}
