import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Notifications (issue #8): the transactional outbox and per-kind preferences.
 *
 * - outbox: one e-mail to one person, written in the same transaction as the booking change that
 *   caused it; delivered later by the outbox worker, which claims rows with a conditional UPDATE
 *   (FOR UPDATE SKIP LOCKED on PostgreSQL). dedupe_key UNIQUE: never queued twice. Rows go with
 *   their recipient (erasure).
 * - notification_preferences: (user, kind) → enabled; no row means enabled.
 */
export class Notifications1763900000300 implements MigrationInterface {
  name = 'Notifications1763900000300';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    const statements = [
      `CREATE TABLE outbox (
        id ${t.id} PRIMARY KEY,
        recipient_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        recipient_email varchar(254) NOT NULL,
        language varchar(2) NOT NULL CHECK (language IN ('cy', 'en')),
        kind varchar(16) NOT NULL,
        meeting_id ${t.id},
        request_id ${t.id},
        subject varchar(300) NOT NULL,
        body_text ${t.text} NOT NULL,
        body_html ${t.text} NOT NULL,
        ics ${t.text},
        ics_method varchar(8) CHECK (ics_method IN ('REQUEST', 'CANCEL')),
        ics_replaced ${t.text},
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
        CHECK ((status = 'SENDING') = (claim_token IS NOT NULL))
      )`,
      `CREATE INDEX outbox_due ON outbox (status, next_attempt_at)`,
      `CREATE INDEX outbox_recipient ON outbox (recipient_id, created_at)`,
      `CREATE TABLE notification_preferences (
        user_id ${t.id} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL,
        enabled ${t.bool} NOT NULL,
        updated_at ${t.instant} NOT NULL,
        PRIMARY KEY (user_id, kind)
      )`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['notification_preferences', 'outbox']) await runner.query(`DROP TABLE ${table}`);
  }
}
