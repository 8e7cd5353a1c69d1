import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CalendarMethod, DeliveryChannel, NotificationKind, OutboxStatus } from '../notifications.enums';

/**
 * One e-mail to one person, written in the transaction that caused it (the transactional outbox)
 * and delivered afterwards by the OutboxWorker. dedupe_key is UNIQUE: the same change never
 * queues the same mail twice.
 */
@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  recipientId: string;

  @Column({ type: 'varchar', length: 254 })
  recipientEmail: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  @Column({ type: 'varchar', length: 16 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  meetingId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  bodyText: string;

  @Column({ type: 'text' })
  bodyHtml: string;

  /** The .ics attached (METHOD:REQUEST or CANCEL), if any. */
  @Column({ type: 'text', nullable: true })
  ics: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  icsMethod: CalendarMethod | null;

  /** For reschedules: a second .ics cancelling the meeting that was replaced. */
  @Column({ type: 'text', nullable: true })
  icsReplaced: string | null;

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
