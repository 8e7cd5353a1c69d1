import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A person's private calendar feed: only the sha256 of its secret is kept; revoking deletes the row. */
@Unique('calendar_feeds_secret_hash_key', ['secretHash'])
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column()
  createdAt: Date;
}
