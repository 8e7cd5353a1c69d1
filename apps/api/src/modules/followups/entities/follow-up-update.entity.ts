import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { FollowUpStatus } from '../followups.enums';

/** One step in an action's history: a status change, a comment, or both. */
@Unique('follow_up_updates_action_id_seq_key', ['actionId', 'seq'])
@Entity({ name: 'follow_up_updates' })
export class FollowUpUpdateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  actionId: string;

  /** Position in the action's history: 0 for its creation, then 1, 2, … (UNIQUE with action_id). */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 36 })
  authorId: string;

  /** Null for the creation entry. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus: FollowUpStatus | null;

  @Column({ type: 'varchar', length: 12 })
  toStatus: FollowUpStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @Column()
  createdAt: Date;
}
