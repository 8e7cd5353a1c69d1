import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum LeftSource {
  /** A participant_left webhook: the server's own time. */
  WEBHOOK = 'WEBHOOK',
  /** The room finished (or was ended) while the connection looked open. */
  ROOM = 'ROOM',
  /** The reconciler no longer found it on the server. */
  RECONCILER = 'RECONCILER',
}

/** One LiveKit participant session (sid) of a person in a meeting's room. */
@Index('room_connections_meeting_user', ['meetingId', 'userId'])
@Entity({ name: 'room_connections' })
export class RoomConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  participantSid: string;

  @Column({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** An organiser looking in, not one of the meeting's people (does not count as attendance). */
  @Column({ type: 'boolean' })
  organiser: boolean;

  @Column({ type: Date, nullable: true })
  joinedAt: Date | null;

  @Column({ type: Date, nullable: true })
  leftAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  leftSource: LeftSource | null;
}
