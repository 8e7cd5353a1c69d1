import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ERASE_LAST,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
  REMOVED_WORDS,
} from '../../core/privacy/personal-data';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { MailRenderer } from './mail-renderer';
import { OutboxEvent } from './outbox-event';

type Row = Record<string, unknown>;

/**
 * Notification preferences, the calendar feed and e-mails. Erasure runs last (ERASE_LAST), after
 * everything that may still queue e-mail: it deletes the person's preferences, their calendar feed
 * and every e-mail addressed to them (sent or not, invitations to their address included).
 *
 * E-mails to others hold ids, not names or addresses (they are rendered when delivered or shown),
 * so from now on they name the anonymous person by themselves. What an event quotes in the
 * person's own words — a request's message, a cancellation's reason — is replaced.
 */
@Injectable()
@PersonalDataSource()
export class NotificationsPersonalData implements PersonalDataContributor {
  readonly section = 'notifications';
  readonly eraseOrder = ERASE_LAST;

  constructor(
    private readonly db: Database,
    private readonly renderer: MailRenderer,
  ) {}

  async exportFor(userId: string): Promise<unknown> {
    const preferences = (
      await this.db.sql<Row>(
        'SELECT kind, enabled, updated_at FROM notification_preferences WHERE user_id = ? ORDER BY kind',
        [userId],
      )
    ).rows;
    const feed = (await this.db.sql<Row>('SELECT created_at FROM calendar_feeds WHERE user_id = ?', [userId])).rows[0];
    const rows = await this.db.manager.find(OutboxMessageEntity, {
      where: { recipientId: userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const rendered = await this.renderer.render(rows);
    return {
      preferences: preferences.map((p) => ({
        kind: p.kind,
        enabled: Boolean(p.enabled),
        updatedAt: exportedInstant(this.db, p.updated_at),
      })),
      calendarFeed: feed ? { createdAt: exportedInstant(this.db, feed.created_at) } : null,
      emails: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        language: row.language,
        to: rendered.get(row.id)?.to ?? null,
        subject: rendered.get(row.id)?.subject ?? null,
        bodyText: rendered.get(row.id)?.text ?? null,
        meetingId: row.meetingId,
        requestId: row.requestId,
        status: row.status,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
      })),
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    const { userId } = person;
    await this.db.sql('DELETE FROM notification_preferences WHERE user_id = ?', [userId], em);
    await this.db.sql('DELETE FROM calendar_feeds WHERE user_id = ?', [userId], em);
    await this.db.sql(
      'DELETE FROM outbox WHERE recipient_id = ? OR LOWER(recipient_address) = ?',
      [userId, person.email.toLowerCase()],
      em,
    );
    const ownWords = new Set(person.ownWords.map((text) => text.trim()).filter(Boolean));
    const { rows } = await this.db.sql<{ id: string; payload: string }>(
      `SELECT id, payload FROM outbox WHERE payload LIKE ? OR payload LIKE ?`,
      ['%"message"%', '%"reason"%'],
      em,
    );
    for (const row of rows) {
      const event = JSON.parse(row.payload) as OutboxEvent;
      const quotesThem = (text: string | null | undefined) =>
        typeof text === 'string' && text.trim() !== '' && (ownWords.has(text.trim()) || event.fromId === userId);
      const message = quotesThem(event.message) ? REMOVED_WORDS : event.message;
      const reason =
        typeof event.reason === 'string' && ownWords.has(event.reason.trim()) ? REMOVED_WORDS : event.reason;
      if (message === event.message && reason === event.reason) continue;
      await this.db.sql(
        'UPDATE outbox SET payload = ? WHERE id = ?',
        [JSON.stringify({ ...event, message, reason }), row.id],
        em,
      );
    }
  }
}
