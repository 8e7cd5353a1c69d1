import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { Database } from '../../core/database/database';
import { RequestDirection, RequestStatus } from './booking.enums';
import { MeetingRequestEntity } from './entities/meeting-request.entity';

@Injectable()
export class RequestsRepository {
  constructor(private readonly db: Database) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<MeetingRequestEntity | null> {
    return em.findOneBy(MeetingRequestEntity, { id });
  }

  async insert(request: MeetingRequestEntity, em: EntityManager): Promise<void> {
    await em.insert(MeetingRequestEntity, request);
  }

  list(
    userId: string,
    direction: RequestDirection,
    filter: { sessionId?: string; status?: RequestStatus },
  ): Promise<MeetingRequestEntity[]> {
    const column = ({ SENT: 'fromUserId', RECEIVED: 'toUserId', THIRD_PARTY: 'thirdPartyId' } as const)[direction];
    const where: FindOptionsWhere<MeetingRequestEntity> = { [column]: userId };
    if (filter.sessionId) where.sessionId = filter.sessionId;
    if (filter.status) where.status = filter.status;
    return this.db.manager.find(MeetingRequestEntity, { where, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** Conditional change: applies only if the request is still in one of `from`. */
  async transition(
    id: string,
    from: RequestStatus[],
    changes: Partial<MeetingRequestEntity>,
    em: EntityManager,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(MeetingRequestEntity)
      .set(changes)
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async setThirdPartyStatus(id: string, from: string, to: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(MeetingRequestEntity)
      .set({ thirdPartyStatus: to as MeetingRequestEntity['thirdPartyStatus'] })
      .where('id = :id AND third_party_status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async expireAllInSession(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `UPDATE meeting_requests SET status = 'EXPIRED', responded_at = ? WHERE status = 'PENDING' AND session_id = ?`,
      [this.db.instant(now), sessionId],
      em,
    );
  }

  /**
   * PENDING requests created in [from, to), oldest first (the notifications' 48-hour nudge), but
   * not those the auto-schedule already gave a live meeting: that meeting is what is waiting.
   */
  pendingCreatedBetween(from: Date, to: Date, limit: number): Promise<MeetingRequestEntity[]> {
    return this.db.manager
      .createQueryBuilder(MeetingRequestEntity, 'r')
      .where(`r.status = 'PENDING' AND r.createdAt >= :from AND r.createdAt < :to`, {
        from: this.db.instant(from),
        to: this.db.instant(to),
      })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = r.meeting_id AND m.status IN ('PROPOSED', 'CONFIRMED', 'IN_PROGRESS'))`,
      )
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Requests the auto-scheduler may place: PENDING, or ACCEPTED and waiting for the schedule. */
  /** Everyone in a DECLINED request of the session (sender or receiver). */
  async peopleInDeclined(sessionId: string): Promise<Set<string>> {
    const rows = await this.db.manager.find(MeetingRequestEntity, {
      where: { sessionId, status: RequestStatus.DECLINED },
      select: { fromUserId: true, toUserId: true },
    });
    return new Set(rows.flatMap((r) => [r.fromUserId, r.toUserId]));
  }

  openInSession(sessionId: string, em: EntityManager = this.db.manager): Promise<MeetingRequestEntity[]> {
    return em
      .createQueryBuilder(MeetingRequestEntity, 'r')
      .where(
        `r.sessionId = :sessionId AND (r.status = 'PENDING' OR (r.status = 'ACCEPTED' AND r.awaitingSchedule = :yes))`,
        { sessionId, yes: true },
      )
      .orderBy('r.createdAt', 'ASC')
      .getMany();
  }

  /** The PENDING requests a confirmed auto-scheduled meeting was made for are ACCEPTED with it. */
  async acceptScheduled(meetingId: string, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `UPDATE meeting_requests SET status = 'ACCEPTED', responded_at = ? WHERE meeting_id = ? AND status = 'PENDING'`,
      [this.db.instant(now), meetingId],
      em,
    );
  }

  /**
   * How many of a person's requests in a session wait for an answer, with the session's row locked
   * on PostgreSQL so two concurrent sends cannot both pass a cap (SQLite's writes are serial).
   */
  async lockAndCountPendingFrom(sessionId: string, userId: string, em: EntityManager): Promise<number> {
    if (this.db.engine === 'postgres')
      await this.db.sql('SELECT id FROM themed_sessions WHERE id = ? FOR UPDATE', [sessionId], em);
    const { rows } = await this.db.sql<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM meeting_requests WHERE session_id = ? AND from_user_id = ? AND status = 'PENDING'`,
      [sessionId, userId],
      em,
    );
    return Number(rows[0]!.n);
  }

  /** PENDING requests past their expiry, or of sessions that have started (they expire), oldest first. */
  pendingStarted(now: Date, limit: number, em: EntityManager): Promise<MeetingRequestEntity[]> {
    return em
      .createQueryBuilder(MeetingRequestEntity, 'r')
      .where(
        `r.status = 'PENDING' AND (r.expiresAt <= :now OR r.sessionId IN (SELECT s.id FROM themed_sessions s WHERE s.starts_at <= :now))`,
        { now: this.db.instant(now) },
      )
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** A meeting's requests follow it to its successor (a move), or are free again (null: it was dropped). */
  async relinkMeeting(fromMeetingId: string, toMeetingId: string | null, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE meeting_requests SET meeting_id = ? WHERE meeting_id = ?',
      [toMeetingId, fromMeetingId],
      em,
    );
  }

  /** Records the meeting the auto-schedule made for a request, if it is still open. */
  async markScheduled(id: string, meetingId: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(MeetingRequestEntity)
      .set({ meetingId, awaitingSchedule: false })
      .where(
        `id = :id AND meeting_id IS NULL AND (status = 'PENDING' OR (status = 'ACCEPTED' AND awaiting_schedule = :yes))`,
        { id, yes: true },
      )
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
