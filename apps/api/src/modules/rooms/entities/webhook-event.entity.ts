import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A LiveKit webhook already processed (by its event id), so a redelivery changes nothing. */
@Entity({ name: 'livekit_webhook_events' })
export class WebhookEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  roomName: string | null;

  /** The event's own createdAt (the LiveKit server's clock). */
  @Column()
  createdAt: Date;

  @Column()
  receivedAt: Date;
}
