import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** The LiveKit room of a meeting, as far as webhooks and organisers have told us. */
@Unique('meeting_rooms_room_name_key', ['roomName'])
@Entity({ name: 'meeting_rooms' })
export class MeetingRoomEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 64 })
  roomName: string;

  /** When we first asked the server to create it. */
  @Column()
  createdAt: Date;

  /** The latest room_started (event createdAt). */
  @Column({ type: Date, nullable: true })
  startedAt: Date | null;

  /** The latest room_finished (event createdAt); the room is closed while this is ≥ startedAt. */
  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;

  /** An organiser ended the room: the meeting is over, no more tokens. */
  @Column({ type: Date, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  endedById: string | null;
}
