import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { DeliveryChannel, NotificationKind, OutboxStatus } from '../notifications.enums';

/**
 * One e-mail to one person, written in the transaction that caused it (the transactional outbox)
 * and delivered afterwards by the OutboxWorker. The row holds a compact event (payload, JSON — an
 * OutboxEvent); subject, bodies and .ics are rendered from it at delivery (and again when the
 * outbox page shows it). dedupe_key is UNIQUE: the same change never queues the same mail twice.
 */
@Unique('outbox_dedupe_key_key', ['dedupeKey'])
@Index('outbox_due', ['status', 'nextAttemptAt'])
@Index('outbox_recipient', ['recipientId', 'createdAt'])
@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The person it is for; null for an invitation, which goes to recipientAddress. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  recipientId: string | null;

  /** Only for someone with no account yet (an invitation). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  recipientAddress: string | null;

  /** cy or en; null when the recipient's language is not known (the e-mail is in both). */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId: string | null;

  /** The OutboxEvent as JSON. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 8 })
  status: OutboxStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column()
  nextAttemptAt: Date;

  /** The worker run holding the row while SENDING; another run may take it over after claimedUntil. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ type: Date, nullable: true })
  claimedUntil: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  channel: DeliveryChannel | null;

  @Column()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  sentAt: Date | null;
}
