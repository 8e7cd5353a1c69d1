import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Notifications, second increment (issue #8). Calendar feeds (calendar_feeds: a person's feed,
 * by the hash of its secret). And the outbox keeps a compact event per e-mail and the
 * worker renders it at delivery (writing the rendered subject, bodies and .ics in the booking's
 * transaction cost the booking path a sixth of its CPU). The outbox table is rebuilt without
 * recipient_email, subject, body_text, body_html, ics, ics_method and ics_replaced, with a
 * payload column instead; an invitation's row names an address (recipient_address) instead of a
 * user, and no language (it is written in both). Rows written before carry no event to render from, so they are not
 * kept: the platform has had no deployment that sends mail yet.
 */
export class NotificationsDelivery1763900000610 implements MigrationInterface {
  name = 'NotificationsDelivery1763900000610';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`DROP TABLE outbox`);
    await runner.query(`CREATE TABLE outbox (
      id ${t.id} PRIMARY KEY,
      recipient_id ${t.id} REFERENCES users (id) ON DELETE CASCADE,
      recipient_address varchar(254),
      language varchar(2) CHECK (language IN ('cy', 'en')),
      kind varchar(16) NOT NULL,
      meeting_id ${t.id},
      request_id ${t.id},
      payload ${t.json} NOT NULL,
      dedupe_key varchar(200) NOT NULL UNIQUE,
      status varchar(8) NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
      attempts ${t.int} NOT NULL CHECK (attempts >= 0),
      next_attempt_at ${t.instant} NOT NULL,
      claim_token ${t.id},
      claimed_until ${t.instant},
      last_error varchar(1000),
      channel varchar(8) CHECK (channel IN ('OUTBOX', 'SMTP')),
      created_at ${t.instant} NOT NULL,
      sent_at ${t.instant},
      CHECK ((status = 'SENDING') = (claim_token IS NOT NULL)),
      CHECK ((recipient_id IS NULL) <> (recipient_address IS NULL))
    )`);
    await runner.query(`CREATE INDEX outbox_due ON outbox (status, next_attempt_at)`);
    await runner.query(`CREATE INDEX outbox_recipient ON outbox (recipient_id, created_at)`);
    // Private calendar feeds: only the sha256 of each secret.
    await runner.query(`CREATE TABLE calendar_feeds (
      user_id ${t.id} PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      secret_hash varchar(64) NOT NULL UNIQUE,
      created_at ${t.instant} NOT NULL
    )`);
  }

  async down(): Promise<void> {
    throw new Error('NotificationsDelivery1763900000610 cannot be undone: the rendered e-mails were never stored.');
  }
}
