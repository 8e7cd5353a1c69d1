import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DeliveryLanguage, SessionStatus, SessionTheme } from '../events.enums';

@Index('themed_sessions_listing', ['status', 'startsAt', 'id'])
@Entity({ name: 'themed_sessions' })
export class ThemedSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  organiserId: string;

  /** The proposer of the theme the session came from, when its organiser made them co-organiser: edits its texts, sees its registrations. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  coOrganiserId: string | null;

  @Column({ type: 'varchar', length: 200 })
  titleCy: string;

  @Column({ type: 'varchar', length: 200 })
  titleEn: string;

  @Column({ type: 'text' })
  descriptionCy: string;

  @Column({ type: 'text' })
  descriptionEn: string;

  @Column({ type: 'varchar', length: 10 })
  theme: SessionTheme;

  @Column({ type: 'varchar', length: 10 })
  deliveryLanguage: DeliveryLanguage;

  /** A health-board region code; null means all Wales. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  region: string | null;

  @Column()
  startsAt: Date;

  @Column()
  endsAt: Date;

  @Column({ type: 'integer' })
  slotMinutes: number;

  @Column({ type: 'varchar', length: 12 })
  status: SessionStatus;

  /** At most this many people may register as guests (the rest join the waiting list); null: no cap. */
  @Column({ type: 'integer', nullable: true })
  registrationCap: number | null;

  /** At most this many of a person's requests may wait for an answer at once; null: no cap. */
  @Column({ type: 'integer', nullable: true })
  requestCap: number | null;

  /** A request unanswered this many hours after it was sent expires; null: at the session's start. */
  @Column({ type: 'integer', nullable: true })
  requestExpiryHours: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  /** Bumped on every change participants should hear about (times, cancellation). */
  @Column({ type: 'integer' })
  revision: number;

  @Column()
  createdAt: Date;

  @Column()
  updatedAt: Date;
}
