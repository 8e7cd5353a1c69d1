import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { AttendanceSummary } from './attendance-math';
import { AttendanceEntity } from './entities/attendance.entity';
import { MeetingRoomEntity } from './entities/meeting-room.entity';
import { LeftSource, RoomConnectionEntity } from './entities/room-connection.entity';
import { RoomRemovalEntity } from './entities/room-removal.entity';

export interface ConnectionKey {
  sid: string;
  meetingId: string;
  userId: string;
  organiser: boolean;
}

/**
 * All SQL of the rooms module. Every change to a connection is one statement that merges with
 * what is stored (earliest join, a webhook's leave over an inferred one), so the result does not
 * depend on the order in which LiveKit's events arrive.
 */
@Injectable()
export class RoomsRepository {
  constructor(private readonly db: Database) {}

  /** Records a webhook event id; false when it was already there (a redelivery). */
  async recordEvent(event: { id: string; event: string; roomName: string | null; createdAt: Date; receivedAt: Date }, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      `INSERT INTO livekit_webhook_events (id, event, room_name, created_at, received_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING id`,
      [event.id, event.event, event.roomName, this.db.instant(event.createdAt), this.db.instant(event.receivedAt)],
      em,
    );
    return rows.length === 1;
  }

  /** Forgets processed event ids older than `before` (LiveKit gives up redelivering long before). */
  async pruneEvents(before: Date): Promise<number> {
    return (await this.db.sql('DELETE FROM livekit_webhook_events WHERE received_at < ?', [this.db.instant(before)])).affected;
  }

  /** The meeting's room row, created if missing, and locked for the rest of the transaction. */
  async lockRoom(meetingId: string, roomName: string, now: Date, em: EntityManager): Promise<MeetingRoomEntity> {
    await this.db.sql('INSERT INTO meeting_rooms (meeting_id, room_name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [meetingId, roomName, this.db.instant(now)], em);
    const qb = em.createQueryBuilder(MeetingRoomEntity, 'r').where('r.meetingId = :meetingId', { meetingId });
    if (this.db.engine === 'postgres') qb.setLock('pessimistic_write');
    return (await qb.getOne())!;
  }

  room(meetingId: string, em: EntityManager = this.db.manager): Promise<MeetingRoomEntity | null> {
    return em.findOneBy(MeetingRoomEntity, { meetingId });
  }

  rooms(meetingIds: readonly string[]): Promise<MeetingRoomEntity[]> {
    return meetingIds.length === 0 ? Promise.resolve([]) : this.db.manager.findBy(MeetingRoomEntity, { meetingId: In([...meetingIds]) });
  }

  async markStarted(meetingId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE meeting_rooms SET started_at = ? WHERE meeting_id = ? AND (started_at IS NULL OR started_at < ?)', [this.db.instant(at), meetingId, this.db.instant(at)], em);
  }

  async markFinished(meetingId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE meeting_rooms SET finished_at = ? WHERE meeting_id = ? AND (finished_at IS NULL OR finished_at < ?)', [this.db.instant(at), meetingId, this.db.instant(at)], em);
  }

  async markEnded(meetingId: string, byUserId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE meeting_rooms SET ended_at = ?, ended_by_id = ? WHERE meeting_id = ? AND ended_at IS NULL', [this.db.instant(at), byUserId, meetingId], em);
  }

  /** participant_joined: the connection starts at the earliest join heard of. */
  async joined(c: ConnectionKey, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO room_connections (participant_sid, meeting_id, user_id, organiser, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (participant_sid) DO UPDATE SET joined_at =
         CASE WHEN room_connections.joined_at IS NULL OR room_connections.joined_at > excluded.joined_at
              THEN excluded.joined_at ELSE room_connections.joined_at END`,
      [c.sid, c.meetingId, c.userId, c.organiser, this.db.instant(at)],
      em,
    );
  }

  /** participant_left: the server's own leave time wins over one we inferred; between two, the later. */
  async left(c: ConnectionKey, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO room_connections (participant_sid, meeting_id, user_id, organiser, left_at, left_source) VALUES (?, ?, ?, ?, ?, '${LeftSource.WEBHOOK}')
       ON CONFLICT (participant_sid) DO UPDATE SET
         left_at = CASE WHEN room_connections.left_source = '${LeftSource.WEBHOOK}' AND room_connections.left_at >= excluded.left_at
                        THEN room_connections.left_at ELSE excluded.left_at END,
         left_source = '${LeftSource.WEBHOOK}'`,
      [c.sid, c.meetingId, c.userId, c.organiser, this.db.instant(at)],
      em,
    );
  }

  /**
   * The reconciler found the connection on the server: make sure it exists, and reopen it if only
   * we had closed it (an earlier reconcile missed it); a webhook's leave stands.
   */
  async seen(c: ConnectionKey, joinedAt: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO room_connections (participant_sid, meeting_id, user_id, organiser, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (participant_sid) DO UPDATE SET
         joined_at = CASE WHEN room_connections.joined_at IS NULL OR room_connections.joined_at > excluded.joined_at
                          THEN excluded.joined_at ELSE room_connections.joined_at END,
         left_at = CASE WHEN room_connections.left_source = '${LeftSource.RECONCILER}' THEN NULL ELSE room_connections.left_at END,
         left_source = CASE WHEN room_connections.left_source = '${LeftSource.RECONCILER}' THEN NULL ELSE room_connections.left_source END`,
      [c.sid, c.meetingId, c.userId, c.organiser, this.db.instant(joinedAt)],
      em,
    );
  }

  /** Closes the meeting's open connections that joined by `at`, except `keepSids`; returns their users. */
  async closeOpen(meetingId: string, at: Date, source: LeftSource, keepSids: string[], em: EntityManager): Promise<string[]> {
    const open = await em
      .createQueryBuilder(RoomConnectionEntity, 'c')
      .where('c.meetingId = :meetingId AND c.leftAt IS NULL AND c.joinedAt <= :at', { meetingId, at: this.db.instant(at) })
      .getMany();
    const closing = open.filter((c) => !keepSids.includes(c.participantSid));
    for (const c of closing) {
      await this.db.sql('UPDATE room_connections SET left_at = ?, left_source = ? WHERE participant_sid = ? AND left_at IS NULL', [this.db.instant(at), source, c.participantSid], em);
    }
    return [...new Set(closing.map((c) => c.userId))];
  }

  connections(meetingId: string, em: EntityManager): Promise<RoomConnectionEntity[]> {
    return em.find(RoomConnectionEntity, { where: { meetingId }, order: { participantSid: 'ASC' } });
  }

  async saveAttendance(meetingId: string, userId: string, organiser: boolean, summary: AttendanceSummary, now: Date, em: EntityManager): Promise<void> {
    const at = (d: Date | null) => (d ? this.db.instant(d) : null);
    await this.db.sql(
      `INSERT INTO attendance (meeting_id, user_id, organiser, first_joined_at, last_left_at, present_since, total_seconds, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET organiser = excluded.organiser, first_joined_at = excluded.first_joined_at,
         last_left_at = excluded.last_left_at, present_since = excluded.present_since, total_seconds = excluded.total_seconds,
         updated_at = excluded.updated_at`,
      [meetingId, userId, organiser, at(summary.firstJoinedAt), at(summary.lastLeftAt), at(summary.presentSince), summary.totalSeconds, this.db.instant(now)],
      em,
    );
  }

  attendanceOf(meetingIds: readonly string[]): Promise<AttendanceEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager.find(AttendanceEntity, { where: { meetingId: In([...meetingIds]) }, order: { firstJoinedAt: 'ASC' } });
  }

  async isRemoved(meetingId: string, userId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return (await em.countBy(RoomRemovalEntity, { meetingId, userId })) > 0;
  }

  async addRemoval(meetingId: string, userId: string, byUserId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql('INSERT INTO room_removals (meeting_id, user_id, removed_by_id, removed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [meetingId, userId, byUserId, this.db.instant(at)], em);
  }

  removalsOf(meetingIds: readonly string[]): Promise<RoomRemovalEntity[]> {
    return meetingIds.length === 0 ? Promise.resolve([]) : this.db.manager.findBy(RoomRemovalEntity, { meetingId: In([...meetingIds]) });
  }
}
