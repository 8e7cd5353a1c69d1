import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { MeetingStatus, OutcomeSource } from '../booking/booking.enums';
import { AttendanceSummary } from './attendance-math';
import { AttendanceEntity } from './entities/attendance.entity';
import { MeetingRoomEntity } from './entities/meeting-room.entity';
import { NoShowDisputeEntity } from './entities/no-show-dispute.entity';
import { LeftSource, RoomConnectionEntity } from './entities/room-connection.entity';
import { RoomRemovalEntity } from './entities/room-removal.entity';
import { NoShowFacts } from './no-shows';

/** A decided meeting one of `userIds` was in, with what decides whether their absence was a no-show. */
export interface NoShowFactsRow extends NoShowFacts {
  userId: string;
  meetingId: string;
  sessionId: string;
  startsAt: Date;
  disputeReason: string | null;
}

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
  async recordEvent(
    event: { id: string; event: string; roomName: string | null; createdAt: Date; receivedAt: Date },
    em: EntityManager,
  ): Promise<boolean> {
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
    return (await this.db.sql('DELETE FROM livekit_webhook_events WHERE received_at < ?', [this.db.instant(before)]))
      .affected;
  }

  /** The meeting's room row, created if missing, and locked for the rest of the transaction. */
  async lockRoom(meetingId: string, roomName: string, now: Date, em: EntityManager): Promise<MeetingRoomEntity> {
    await this.db.sql(
      'INSERT INTO meeting_rooms (meeting_id, room_name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [meetingId, roomName, this.db.instant(now)],
      em,
    );
    const qb = em.createQueryBuilder(MeetingRoomEntity, 'r').where('r.meetingId = :meetingId', { meetingId });
    if (this.db.engine === 'postgres') qb.setLock('pessimistic_write');
    return (await qb.getOne())!;
  }

  room(meetingId: string, em: EntityManager = this.db.manager): Promise<MeetingRoomEntity | null> {
    return em.findOneBy(MeetingRoomEntity, { meetingId });
  }

  rooms(meetingIds: readonly string[]): Promise<MeetingRoomEntity[]> {
    return meetingIds.length === 0
      ? Promise.resolve([])
      : this.db.manager.findBy(MeetingRoomEntity, { meetingId: In([...meetingIds]) });
  }

  async markStarted(meetingId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE meeting_rooms SET started_at = ? WHERE meeting_id = ? AND (started_at IS NULL OR started_at < ?)',
      [this.db.instant(at), meetingId, this.db.instant(at)],
      em,
    );
  }

  async markFinished(meetingId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE meeting_rooms SET finished_at = ? WHERE meeting_id = ? AND (finished_at IS NULL OR finished_at < ?)',
      [this.db.instant(at), meetingId, this.db.instant(at)],
      em,
    );
  }

  async markEnded(meetingId: string, byUserId: string, at: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE meeting_rooms SET ended_at = ?, ended_by_id = ? WHERE meeting_id = ? AND ended_at IS NULL',
      [this.db.instant(at), byUserId, meetingId],
      em,
    );
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
  async closeOpen(
    meetingId: string,
    at: Date,
    source: LeftSource,
    keepSids: string[],
    em: EntityManager,
  ): Promise<string[]> {
    const open = await em
      .createQueryBuilder(RoomConnectionEntity, 'c')
      .where('c.meetingId = :meetingId AND c.leftAt IS NULL AND c.joinedAt <= :at', {
        meetingId,
        at: this.db.instant(at),
      })
      .getMany();
    const closing = open.filter((c) => !keepSids.includes(c.participantSid));
    for (const c of closing) {
      await this.db.sql(
        'UPDATE room_connections SET left_at = ?, left_source = ? WHERE participant_sid = ? AND left_at IS NULL',
        [this.db.instant(at), source, c.participantSid],
        em,
      );
    }
    return [...new Set(closing.map((c) => c.userId))];
  }

  connections(meetingId: string, em: EntityManager): Promise<RoomConnectionEntity[]> {
    return em.find(RoomConnectionEntity, { where: { meetingId }, order: { participantSid: 'ASC' } });
  }

  async saveAttendance(
    meetingId: string,
    userId: string,
    organiser: boolean,
    summary: AttendanceSummary,
    now: Date,
    em: EntityManager,
  ): Promise<void> {
    const at = (d: Date | null) => (d ? this.db.instant(d) : null);
    await this.db.sql(
      `INSERT INTO attendance (meeting_id, user_id, organiser, first_joined_at, last_left_at, present_since, total_seconds, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET organiser = excluded.organiser, first_joined_at = excluded.first_joined_at,
         last_left_at = excluded.last_left_at, present_since = excluded.present_since, total_seconds = excluded.total_seconds,
         updated_at = excluded.updated_at`,
      [
        meetingId,
        userId,
        organiser,
        at(summary.firstJoinedAt),
        at(summary.lastLeftAt),
        at(summary.presentSince),
        summary.totalSeconds,
        this.db.instant(now),
      ],
      em,
    );
  }

  attendanceOf(meetingIds: readonly string[]): Promise<AttendanceEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager.find(AttendanceEntity, {
      where: { meetingId: In([...meetingIds]) },
      order: { firstJoinedAt: 'ASC' },
    });
  }

  async isRemoved(meetingId: string, userId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return (await em.countBy(RoomRemovalEntity, { meetingId, userId })) > 0;
  }

  /** Records a removal; false when they were removed already. */
  async addRemoval(meetingId: string, userId: string, byUserId: string, at: Date, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      'INSERT INTO room_removals (meeting_id, user_id, removed_by_id, removed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING meeting_id',
      [meetingId, userId, byUserId, this.db.instant(at)],
      em,
    );
    return rows.length === 1;
  }

  /** Deletes a removal; false when there was none. */
  async deleteRemoval(meetingId: string, userId: string, em: EntityManager): Promise<boolean> {
    return (
      (await this.db.sql('DELETE FROM room_removals WHERE meeting_id = ? AND user_id = ?', [meetingId, userId], em))
        .affected > 0
    );
  }

  /** `meetingId:userId` of these meetings' people who are in the room now or were removed from the meeting. */
  async inRoomOrRemoved(meetingIds: readonly string[]): Promise<Set<string>> {
    if (meetingIds.length === 0) return new Set();
    const marks = meetingIds.map(() => '?').join(',');
    const { rows } = await this.db.sql<{ meeting_id: string; user_id: string }>(
      `SELECT meeting_id, user_id FROM attendance WHERE meeting_id IN (${marks}) AND present_since IS NOT NULL
       UNION SELECT meeting_id, user_id FROM room_removals WHERE meeting_id IN (${marks})`,
      [...meetingIds, ...meetingIds],
    );
    return new Set(rows.map((r) => `${r.meeting_id}:${r.user_id}`));
  }

  removalsOf(meetingIds: readonly string[]): Promise<RoomRemovalEntity[]> {
    return meetingIds.length === 0
      ? Promise.resolve([])
      : this.db.manager.findBy(RoomRemovalEntity, { meetingId: In([...meetingIds]) });
  }

  /**
   * The meetings since `since` that `userIds` were active participants of and whose outcome the
   * room or an organiser decided, with the facts `noShowState` needs. Organisers in the room are
   * not "others who turned up".
   */
  async noShowFacts(userIds: readonly string[], since: Date): Promise<NoShowFactsRow[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT p.user_id, m.id AS meeting_id, m.session_id, m.starts_at, m.status, m.outcome_source,
         CASE WHEN a.first_joined_at IS NULL THEN 0 ELSE 1 END AS turned_up,
         CASE WHEN EXISTS (SELECT 1 FROM attendance o WHERE o.meeting_id = m.id AND o.user_id <> p.user_id
           AND NOT o.organiser AND o.first_joined_at IS NOT NULL) THEN 1 ELSE 0 END AS others_turned_up,
         r.happened, CASE WHEN d.meeting_id IS NULL THEN 0 ELSE 1 END AS disputed, d.reason
       FROM meeting_participants p
       JOIN meetings m ON m.id = p.meeting_id
       LEFT JOIN attendance a ON a.meeting_id = p.meeting_id AND a.user_id = p.user_id
       LEFT JOIN meeting_outcome_reports r ON r.meeting_id = p.meeting_id AND r.user_id = p.user_id
       LEFT JOIN no_show_disputes d ON d.meeting_id = p.meeting_id AND d.user_id = p.user_id
       WHERE p.user_id IN (${userIds.map(() => '?').join(',')}) AND p.active
         AND m.status IN (?, ?) AND m.outcome_source IN (?, ?) AND m.starts_at >= ?
       ORDER BY m.starts_at DESC, m.id`,
      [
        ...userIds,
        MeetingStatus.COMPLETED,
        MeetingStatus.NO_SHOW,
        OutcomeSource.ROOM,
        OutcomeSource.ORGANISER,
        this.db.instant(since),
      ],
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      meetingId: String(r.meeting_id),
      sessionId: String(r.session_id),
      startsAt: this.db.readInstant(r.starts_at),
      status: r.status as MeetingStatus,
      outcomeSource: r.outcome_source as OutcomeSource,
      turnedUp: Number(r.turned_up) === 1,
      othersTurnedUp: Number(r.others_turned_up) === 1,
      saidHappened: r.happened === null || r.happened === undefined ? null : Boolean(r.happened),
      disputed: Number(r.disputed) === 1,
      disputeReason: (r.reason as string | null) ?? null,
    }));
  }

  /** Records (or updates the reason of) a person's dispute of a no-show. */
  async saveDispute(dispute: NoShowDisputeEntity, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO no_show_disputes (meeting_id, user_id, reason, disputed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET reason = excluded.reason, disputed_at = excluded.disputed_at`,
      [dispute.meetingId, dispute.userId, dispute.reason, this.db.instant(dispute.disputedAt)],
      em,
    );
  }

  disputesOf(meetingIds: readonly string[]): Promise<NoShowDisputeEntity[]> {
    return meetingIds.length === 0
      ? Promise.resolve([])
      : this.db.manager.findBy(NoShowDisputeEntity, { meetingId: In([...meetingIds]) });
  }
}
