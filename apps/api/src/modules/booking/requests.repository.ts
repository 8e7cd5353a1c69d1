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

  list(userId: string, direction: RequestDirection, filter: { sessionId?: string; status?: RequestStatus }): Promise<MeetingRequestEntity[]> {
    const column = ({ SENT: 'fromUserId', RECEIVED: 'toUserId', THIRD_PARTY: 'thirdPartyId' } as const)[direction];
    const where: FindOptionsWhere<MeetingRequestEntity> = { [column]: userId };
    if (filter.sessionId) where.sessionId = filter.sessionId;
    if (filter.status) where.status = filter.status;
    return this.db.manager.find(MeetingRequestEntity, { where, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** Conditional change: applies only if the request is still in one of `from`. */
  async transition(id: string, from: RequestStatus[], changes: Partial<MeetingRequestEntity>, em: EntityManager): Promise<boolean> {
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

  /** Pending requests of sessions that have started expire (they never held a slot). */
  async expireStarted(now: Date, em: EntityManager): Promise<number> {
    const { affected } = await this.db.sql(
      `UPDATE meeting_requests SET status = 'EXPIRED', responded_at = ?
        WHERE status = 'PENDING' AND session_id IN (SELECT id FROM themed_sessions WHERE starts_at <= ?)`,
      [this.db.instant(now), this.db.instant(now)],
      em,
    );
    return affected;
  }

  async expireAllInSession(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(`UPDATE meeting_requests SET status = 'EXPIRED', responded_at = ? WHERE status = 'PENDING' AND session_id = ?`, [this.db.instant(now), sessionId], em);
  }

  /** PENDING requests created in [from, to), oldest first (the notifications' 48-hour nudge). */
  pendingCreatedBetween(from: Date, to: Date, limit: number): Promise<MeetingRequestEntity[]> {
    return this.db.manager
      .createQueryBuilder(MeetingRequestEntity, 'r')
      .where(`r.status = 'PENDING' AND r.createdAt >= :from AND r.createdAt < :to`, { from: this.db.instant(from), to: this.db.instant(to) })
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Requests the auto-scheduler may place: PENDING, or ACCEPTED and waiting for the schedule. */
  openInSession(sessionId: string, em: EntityManager = this.db.manager): Promise<MeetingRequestEntity[]> {
    return em
      .createQueryBuilder(MeetingRequestEntity, 'r')
      .where(`r.sessionId = :sessionId AND (r.status = 'PENDING' OR (r.status = 'ACCEPTED' AND r.awaitingSchedule = :yes))`, { sessionId, yes: true })
      .orderBy('r.createdAt', 'ASC')
      .getMany();
  }

  /** Records the meeting the auto-schedule made for a request, if it is still open. */
  async markScheduled(id: string, meetingId: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(MeetingRequestEntity)
      .set({ meetingId, awaitingSchedule: false })
      .where(`id = :id AND meeting_id IS NULL AND (status = 'PENDING' OR (status = 'ACCEPTED' AND awaiting_schedule = :yes))`, { id, yes: true })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
