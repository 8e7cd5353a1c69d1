import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's private calendar feed: only the sha256 of its secret is kept; revoking deletes the row. */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column()
  createdAt: Date;
}
