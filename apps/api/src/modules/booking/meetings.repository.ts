import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Database } from '../../core/database/database';
import { UserEntity } from '../accounts/entities/user.entity';
import { SlotEntity } from '../events/entities/slot.entity';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { MeetingStatus, ParticipantRole } from './booking.enums';
import { MeetingParticipantEntity } from './entities/meeting-participant.entity';
import { MeetingEntity } from './entities/meeting.entity';

export interface AgendaRow extends MeetingEntity {
  session: ThemedSessionEntity;
  slot: SlotEntity;
}

export interface ParticipantWithUser extends MeetingParticipantEntity {
  user: UserEntity;
}

export interface NewParticipant {
  meetingId: string;
  userId: string;
  slotId: string;
  role: ParticipantRole;
  offerId?: string | null;
  seats?: number | null;
  seatNo?: number | null;
  confirmedAt?: Date | null;
  now: Date;
}

const LIVE = `('PROPOSED', 'CONFIRMED', 'IN_PROGRESS')`;
/** Statuses from which MEETING_TRANSITIONS allow CANCELLED. */
const CANCELLABLE = `('PROPOSED', 'CONFIRMED')`;

@Injectable()
export class MeetingsRepository {
  constructor(private readonly db: Database) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<MeetingEntity | null> {
    return em.findOneBy(MeetingEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<MeetingEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.manager.findBy(MeetingEntity, { id: In([...ids]) });
  }

  /** Inserts the meeting unless the offer already has a live one (a concurrent booking). */
  async insertIfOfferFree(meeting: MeetingEntity, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      `INSERT INTO meetings (id, session_id, slot_id, offer_id, host_id, source, status, starts_at, ends_at, room_name,
                             request_id, rescheduled_from_id, sequence, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        meeting.id,
        meeting.sessionId,
        meeting.slotId,
        meeting.offerId,
        meeting.hostId,
        meeting.source,
        meeting.status,
        this.db.instant(meeting.startsAt),
        this.db.instant(meeting.endsAt),
        meeting.roomName,
        meeting.requestId,
        meeting.rescheduledFromId,
        meeting.sequence,
        this.db.instant(meeting.createdAt),
        this.db.instant(meeting.updatedAt),
      ],
      em,
    );
    return rows.length === 1;
  }

  findLiveForOffer(offerId: string, em: EntityManager): Promise<MeetingEntity | null> {
    return em
      .createQueryBuilder(MeetingEntity, 'm')
      .where(`m.offerId = :offerId AND m.status IN ${LIVE}`, { offerId })
      .getOne();
  }

  /**
   * The offer's live meeting, locked until the transaction ends, so a concurrent cancel cannot
   * end it between our reading it and seating a guest. A meeting cancelled meanwhile is not
   * returned (PostgreSQL re-checks the WHERE on the locked row).
   */
  lockLiveForOffer(offerId: string, em: EntityManager): Promise<MeetingEntity | null> {
    return this.locked(em.createQueryBuilder(MeetingEntity, 'm').where(`m.offerId = :offerId AND m.status IN ${LIVE}`, { offerId })).getOne();
  }

  /** Reads the meeting and locks its row for the rest of the transaction (see lockLiveForOffer). */
  lock(id: string, em: EntityManager): Promise<MeetingEntity | null> {
    return this.locked(em.createQueryBuilder(MeetingEntity, 'm').where('m.id = :id', { id })).getOne();
  }

  /** FOR UPDATE on PostgreSQL; SQLite has no row locks and needs none (its writes are serialised). */
  private locked<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.db.engine === 'postgres' ? qb.setLock('pessimistic_write') : qb;
  }

  /**
   * Puts a person in a meeting. False when a uniqueness rule refused it: the person is already in
   * a live meeting in that slot, or the seat is taken. Never partially applied.
   */
  async insertParticipant(p: NewParticipant, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      `INSERT INTO meeting_participants (id, meeting_id, user_id, slot_id, role, active, offer_id, seats, seat_no, confirmed_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING id`,
      this.participantValues(p),
      em,
    );
    return rows.length === 1;
  }

  private participantValues(p: NewParticipant): unknown[] {
    return [
      randomUUID(),
      p.meetingId,
      p.userId,
      p.slotId,
      p.role,
      true,
      p.offerId ?? null,
      p.seats ?? null,
      p.seatNo ?? null,
      p.confirmedAt ? this.db.instant(p.confirmedAt) : null,
      this.db.instant(p.now),
    ];
  }

  /** The people of a new meeting in one INSERT; returns the ids of those seated (the others were busy in the slot). */
  async insertParticipants(people: NewParticipant[], em: EntityManager): Promise<Set<string>> {
    if (people.length === 0) return new Set();
    const row = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    const { rows } = await this.db.sql<{ user_id: string }>(
      `INSERT INTO meeting_participants (id, meeting_id, user_id, slot_id, role, active, offer_id, seats, seat_no, confirmed_at, created_at)
       VALUES ${people.map(() => row).join(', ')}
       ON CONFLICT DO NOTHING RETURNING user_id`,
      people.flatMap((p) => this.participantValues(p)),
      em,
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async isBusy(userId: string, slotId: string, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql('SELECT 1 AS busy FROM meeting_participants WHERE user_id = ? AND slot_id = ? AND active', [userId, slotId], em);
    return rows.length > 0;
  }

  /** Of these users, those held by a live meeting in the slot. */
  async busyAmong(userIds: string[], slotId: string, em: EntityManager): Promise<string[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.db.sql<{ user_id: string }>(
      `SELECT user_id FROM meeting_participants WHERE slot_id = ? AND active AND user_id IN (${userIds.map(() => '?').join(',')})`,
      [slotId, ...userIds],
      em,
    );
    return rows.map((row) => row.user_id);
  }

  /** Slots (of a session) in which any of these users is held by a live meeting. */
  async busySlots(sessionId: string, userIds: string[], em: EntityManager): Promise<Set<string>> {
    const { rows } = await this.db.sql<{ slot_id: string }>(
      `SELECT DISTINCT p.slot_id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
        WHERE m.session_id = ? AND p.active AND p.user_id IN (${userIds.map(() => '?').join(',')})`,
      [sessionId, ...userIds],
      em,
    );
    return new Set(rows.map((row) => row.slot_id));
  }

  /** Ids of meetings in these statuses, starting after `now`, that the person is still in. */
  async upcomingFor(userId: string, statuses: MeetingStatus[], now: Date, em: EntityManager): Promise<string[]> {
    const { rows } = await this.db.sql<{ id: string }>(
      `SELECT m.id FROM meetings m JOIN meeting_participants p ON p.meeting_id = m.id
        WHERE p.user_id = ? AND p.active AND m.starts_at > ? AND m.status IN (${statuses.map(() => '?').join(', ')})
        ORDER BY m.starts_at, m.id`,
      [userId, this.db.instant(now), ...statuses],
      em,
    );
    return rows.map((row) => row.id);
  }

  activeParticipants(meetingId: string, em: EntityManager): Promise<MeetingParticipantEntity[]> {
    return em.find(MeetingParticipantEntity, { where: { meetingId, active: true }, order: { createdAt: 'ASC' } });
  }

  async deactivateParticipant(id: string, em: EntityManager): Promise<void> {
    await em.update(MeetingParticipantEntity, { id }, { active: false });
  }

  async deactivateAll(meetingId: string, em: EntityManager): Promise<void> {
    await em.update(MeetingParticipantEntity, { meetingId, active: true }, { active: false });
  }

  async confirmParticipant(id: string, now: Date, em: EntityManager): Promise<void> {
    await em.update(MeetingParticipantEntity, { id }, { confirmedAt: now });
  }

  /** Conditional status change; false when the meeting was not in one of `from`. */
  async transition(id: string, from: MeetingStatus[], changes: Partial<MeetingEntity> & { status: MeetingStatus; updatedAt: Date }, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(MeetingEntity)
      .set({ ...changes, sequence: () => 'sequence + 1' })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** A person's meetings with their sessions and slots, in one statement (the agenda). */
  agendaOf(userId: string, options: { from?: Date; includeCancelled: boolean; limit: number }): Promise<AgendaRow[]> {
    // EXISTS rather than a join: one row per meeting however often the person joined and left it,
    // so LIMIT applies directly (take() with joins would cost a second, DISTINCT-ids query).
    const qb = this.db.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .innerJoinAndMapOne('m.session', ThemedSessionEntity, 't', 't.id = m.session_id')
      .innerJoinAndMapOne('m.slot', SlotEntity, 's', 's.id = m.slot_id')
      .where(
        `EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.user_id = :userId AND ${
          options.includeCancelled ? `(p.active OR m.status = 'CANCELLED')` : 'p.active'
        })`,
        { userId },
      )
      .orderBy('m.startsAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(options.limit);
    if (options.from) qb.andWhere('m.endsAt > :from', { from: this.db.instant(options.from) });
    return qb.getMany() as Promise<AgendaRow[]>;
  }

  /** Active participants of many meetings with their users, in one statement. */
  participantsWithUsers(meetingIds: readonly string[]): Promise<ParticipantWithUser[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(MeetingParticipantEntity, 'p')
      .innerJoinAndMapOne('p.user', UserEntity, 'u', 'u.id = p.user_id')
      .where('p.meeting_id IN (:...meetingIds)', { meetingIds: [...meetingIds] })
      .andWhere('p.active')
      .orderBy('p.createdAt', 'ASC')
      .getMany() as Promise<ParticipantWithUser[]>;
  }

  /** Of these meetings, those the user was ever in or whose session they organise. */
  async visibleTo(userId: string, meetingIds: readonly string[]): Promise<string[]> {
    const { rows } = await this.db.sql<{ id: string }>(
      `SELECT m.id FROM meetings m JOIN themed_sessions s ON s.id = m.session_id
        WHERE m.id IN (${meetingIds.map(() => '?').join(',')})
          AND (s.organiser_id = ? OR EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.user_id = ?))`,
      [...meetingIds, userId, userId],
    );
    return rows.map((row) => row.id);
  }

  /** Participants of a cancelled meeting (kept inactive as history). */
  formerParticipants(meetingIds: readonly string[]): Promise<ParticipantWithUser[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(MeetingParticipantEntity, 'p')
      .innerJoinAndMapOne('p.user', UserEntity, 'u', 'u.id = p.user_id')
      .where('p.meeting_id IN (:...meetingIds)', { meetingIds: [...meetingIds] })
      .orderBy('p.createdAt', 'ASC')
      .getMany() as Promise<ParticipantWithUser[]>;
  }

  /**
   * Slot ids among these that hold a live meeting: the slot it started in, or a later slot its
   * people are held in because it was extended (extendIntoNextSlot).
   */
  async slotsInUse(slotIds: string[], em: EntityManager): Promise<string[]> {
    const inList = slotIds.map(() => '?').join(',');
    const { rows } = await this.db.sql<{ slot_id: string }>(
      `SELECT slot_id FROM meetings WHERE status IN ${LIVE} AND slot_id IN (${inList})
       UNION
       SELECT p.slot_id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
        WHERE p.active AND m.status IN ${LIVE} AND p.slot_id IN (${inList})`,
      [...slotIds, ...slotIds],
      em,
    );
    return rows.map((row) => row.slot_id);
  }

  findByRoomName(roomName: string, em: EntityManager = this.db.manager): Promise<MeetingEntity | null> {
    return em.findOneBy(MeetingEntity, { roomName });
  }

  /**
   * Meetings in these statuses whose [startsAt - before, endsAt + after] contains `now`, optionally
   * of one session, earliest first.
   */
  inWindow(now: Date, beforeMs: number, afterMs: number, statuses: MeetingStatus[], sessionId?: string): Promise<MeetingEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .where('m.status IN (:...statuses)', { statuses })
      .andWhere('m.startsAt <= :opensBy', { opensBy: this.db.instant(new Date(now.getTime() + beforeMs)) })
      .andWhere('m.endsAt >= :closesAfter', { closesAfter: this.db.instant(new Date(now.getTime() - afterMs)) })
      .orderBy('m.startsAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(1000);
    if (sessionId) qb.andWhere('m.sessionId = :sessionId', { sessionId });
    return qb.getMany();
  }

  /** Meetings in these statuses that ended before `instant`, oldest first. */
  endedBefore(instant: Date, statuses: MeetingStatus[], limit: number): Promise<MeetingEntity[]> {
    return this.db.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .where('m.status IN (:...statuses)', { statuses })
      .andWhere('m.endsAt < :instant', { instant: this.db.instant(instant) })
      .orderBy('m.endsAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Holds the meeting's people in another slot (an extension): a single UPDATE, so the unique
   * index (user_id, slot_id) WHERE active refuses it whole if anyone is already held there.
   */
  async moveParticipantsToSlot(meetingId: string, slotId: string, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE meeting_participants SET slot_id = ? WHERE meeting_id = ? AND active', [slotId, meetingId], em);
  }

  async setEnd(meetingId: string, endsAt: Date, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE meetings SET ends_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?', [this.db.instant(endsAt), this.db.instant(now), meetingId], em);
  }

  /** Drops the (cancelled) meeting history of slots that are being deleted. */
  async deleteForSlots(slotIds: string[], em: EntityManager): Promise<void> {
    const inList = slotIds.map(() => '?').join(',');
    await this.db.sql(`UPDATE meetings SET rescheduled_from_id = NULL WHERE rescheduled_from_id IN (SELECT id FROM meetings WHERE slot_id IN (${inList}))`, slotIds, em);
    await this.db.sql(`DELETE FROM meeting_participants WHERE slot_id IN (${inList})`, slotIds, em);
    await this.db.sql(`DELETE FROM meetings WHERE slot_id IN (${inList})`, slotIds, em);
  }

  /** Live meetings follow their slots' new times (the session moved). */
  async realignTimes(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `UPDATE meetings SET
         starts_at = (SELECT s.starts_at FROM slots s WHERE s.id = meetings.slot_id),
         ends_at = (SELECT s.ends_at FROM slots s WHERE s.id = meetings.slot_id),
         sequence = sequence + 1, updated_at = ?
       WHERE session_id = ? AND status IN ${LIVE}`,
      [this.db.instant(now), sessionId],
      em,
    );
  }

  /** Cancels every live meeting of a session and frees its people. */
  async cancelAllInSession(sessionId: string, reason: string, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `UPDATE meeting_participants SET active = ? WHERE active AND meeting_id IN (SELECT id FROM meetings WHERE session_id = ? AND status IN ${CANCELLABLE})`,
      [false, sessionId],
      em,
    );
    await this.db.sql(
      `UPDATE meetings SET status = 'CANCELLED', cancel_reason = ?, sequence = sequence + 1, updated_at = ? WHERE session_id = ? AND status IN ${CANCELLABLE}`,
      [reason, this.db.instant(now), sessionId],
      em,
    );
  }

  /**
   * What matching needs to know of people's past: for each of `userIds`, how many live or held
   * meetings they have had (any session) and whom they met in them.
   */
  async historyOf(userIds: readonly string[]): Promise<{ userId: string; meetingId: string; otherId: string | null }[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.db.sql<{ user_id: string; meeting_id: string; other_id: string | null }>(
      `SELECT p.user_id, p.meeting_id, q.user_id AS other_id
         FROM meeting_participants p
         JOIN meetings m ON m.id = p.meeting_id AND m.status <> 'CANCELLED'
         LEFT JOIN meeting_participants q ON q.meeting_id = p.meeting_id AND q.active AND q.user_id <> p.user_id
        WHERE p.active AND p.user_id IN (${userIds.map(() => '?').join(',')})`,
      [...userIds],
    );
    return rows.map((row) => ({ userId: row.user_id, meetingId: row.meeting_id, otherId: row.other_id }));
  }

  /** The session's live meetings with their active people (the auto-scheduler never moves them). */
  async liveInSession(sessionId: string, em: EntityManager = this.db.manager): Promise<{ meeting: MeetingEntity; participants: MeetingParticipantEntity[] }[]> {
    const meetings = await em
      .createQueryBuilder(MeetingEntity, 'm')
      .where(`m.sessionId = :sessionId AND m.status IN ${LIVE}`, { sessionId })
      .getMany();
    if (meetings.length === 0) return [];
    const participants = await em.find(MeetingParticipantEntity, { where: { meetingId: In(meetings.map((m) => m.id)), active: true } });
    return meetings.map((meeting) => ({ meeting, participants: participants.filter((p) => p.meetingId === meeting.id) }));
  }
}
