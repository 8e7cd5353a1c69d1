import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { UserEntity } from '../accounts/entities/user.entity';
import { SlotEntity } from '../events/entities/slot.entity';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { MeetingSource, MeetingStatus, OutcomeSource, ParticipantRole } from './booking.enums';
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
  /** A hold row: keeps the person in an extra-time meeting's second slot (not active, so never counted as a seat). */
  hold?: boolean;
}

/** Seats a new booking must leave alone: held for someone else on standby (see StandbyRepository.held). */
export interface StandbyGuard {
  offerId: string;
  /** The booker: a seat held for them is theirs to take. */
  userId: string;
  now: Date;
  seats: number;
}

/** Seats of offer ? held at ? for anyone but user ? (parameters: offer, now, user). */
const HELD_FOR_OTHERS = `(SELECT COUNT(*) FROM standby_entries h WHERE h.offer_id = ? AND h.status = 'OFFERED' AND h.claim_until > ? AND h.user_id <> ?)`;

const LIVE = `('PROPOSED', 'CONFIRMED', 'IN_PROGRESS')`;
const MEETING_COLUMNS = `m.id, m.session_id, m.slot_id, m.extra_slot_id, m.offer_id, m.host_id, m.source, m.status, m.starts_at, m.ends_at,
  m.room_name, m.request_id, m.rescheduled_from_id, m.cancel_reason, m.cancelled_by_id, m.calendar_uid, m.outcome_source,
  m.sequence, m.created_at, m.updated_at`;
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

  /**
   * Inserts the meeting unless the offer already has a live one (a concurrent booking). With
   * `standby`, also unless every seat of the offer is held at `now` for others on standby (a
   * guest's own hold does not count): the count is part of the same statement, so it costs no
   * round trip and is read after the caller's lock on the offer's live meeting (none was there).
   */
  async insertIfOfferFree(meeting: MeetingEntity, em: EntityManager, standby?: StandbyGuard): Promise<boolean> {
    const guard = standby ? ` WHERE ${HELD_FOR_OTHERS} < ?` : '';
    const { rows } = await this.db.sql(
      `INSERT INTO meetings (id, session_id, slot_id, extra_slot_id, offer_id, host_id, source, status, starts_at, ends_at,
                             room_name, request_id, rescheduled_from_id, calendar_uid, sequence, created_at, updated_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${guard}
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        meeting.id,
        meeting.sessionId,
        meeting.slotId,
        meeting.extraSlotId,
        meeting.offerId,
        meeting.hostId,
        meeting.source,
        meeting.status,
        this.db.instant(meeting.startsAt),
        this.db.instant(meeting.endsAt),
        meeting.roomName,
        meeting.requestId,
        meeting.rescheduledFromId,
        meeting.calendarUid,
        meeting.sequence,
        this.db.instant(meeting.createdAt),
        this.db.instant(meeting.updatedAt),
        ...(standby ? this.heldParameters(standby) : []),
      ],
      em,
    );
    return rows.length === 1;
  }

  private heldParameters(standby: StandbyGuard): unknown[] {
    return [standby.offerId, this.db.instant(standby.now), standby.userId, standby.seats];
  }

  /**
   * Seats a guest in the meeting's lowest free seat in one statement, unless the seats left are
   * held for others on standby (`standby`, as insertIfOfferFree). The caller holds the meeting's
   * lock (lockLiveForOffer), so the free seat and the counts cannot change under it. False when
   * no seat was taken: the meeting is full (or held), or the guest is busy in the slot.
   */
  async insertGuestInFreeSeat(
    p: NewParticipant & { seats: number },
    em: EntityManager,
    standby?: StandbyGuard,
  ): Promise<boolean> {
    const seatNumbers = Array.from({ length: p.seats }, (_, i) => `(${i + 1})`).join(', ');
    const guard = standby
      ? ` AND (SELECT COUNT(*) FROM meeting_participants g WHERE g.offer_id = ? AND g.active AND g.role = 'GUEST') + ${HELD_FOR_OTHERS} < ?`
      : '';
    const { rows } = await this.db.sql(
      `INSERT INTO meeting_participants (id, meeting_id, user_id, slot_id, role, active, offer_id, seats, seat_no, confirmed_at, created_at)
       SELECT ?, ?, ?, ?, 'GUEST', TRUE, ?, ?, f.seat_no, ?, ?
         FROM (SELECT MIN(n.column1) AS seat_no FROM (VALUES ${seatNumbers}) n
                WHERE n.column1 NOT IN (SELECT t.seat_no FROM meeting_participants t
                                         WHERE t.meeting_id = ? AND t.active AND t.seat_no IS NOT NULL)) f
        WHERE f.seat_no IS NOT NULL${guard}
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        randomUUID(),
        p.meetingId,
        p.userId,
        p.slotId,
        p.offerId ?? null,
        p.seats,
        p.confirmedAt ? this.db.instant(p.confirmedAt) : null,
        this.db.instant(p.now),
        p.meetingId,
        ...(standby ? [standby.offerId, ...this.heldParameters(standby)] : []),
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
  async lockLiveForOffer(offerId: string, em: EntityManager): Promise<MeetingEntity | null> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.offer_id = ? AND m.status IN ${LIVE}${this.forUpdate()}`,
      [offerId],
      em,
    );
    return rows[0] ? this.meetingFromRow(rows[0]) : null;
  }

  /** Reads the meeting and locks its row for the rest of the transaction (see lockLiveForOffer). */
  async lock(id: string, em: EntityManager): Promise<MeetingEntity | null> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = ?${this.forUpdate()}`,
      [id],
      em,
    );
    return rows[0] ? this.meetingFromRow(rows[0]) : null;
  }

  /** FOR UPDATE on PostgreSQL; SQLite has no row locks and needs none (its writes are serialised). */
  private forUpdate(): string {
    return this.db.engine === 'postgres' ? ' FOR UPDATE' : '';
  }

  /** A meeting from a raw row of MEETING_COLUMNS (the hot paths read it without the ORM). */
  private meetingFromRow(row: Record<string, unknown>): MeetingEntity {
    const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
    return {
      id: String(row.id),
      sessionId: String(row.session_id),
      slotId: String(row.slot_id),
      extraSlotId: text(row.extra_slot_id),
      offerId: text(row.offer_id),
      hostId: String(row.host_id),
      source: row.source as MeetingSource,
      status: row.status as MeetingStatus,
      startsAt: this.db.readInstant(row.starts_at),
      endsAt: this.db.readInstant(row.ends_at),
      roomName: String(row.room_name),
      requestId: text(row.request_id),
      rescheduledFromId: text(row.rescheduled_from_id),
      cancelReason: text(row.cancel_reason),
      cancelledById: text(row.cancelled_by_id),
      calendarUid: String(row.calendar_uid),
      outcomeSource: text(row.outcome_source) as OutcomeSource | null,
      sequence: Number(row.sequence),
      createdAt: this.db.readInstant(row.created_at),
      updatedAt: this.db.readInstant(row.updated_at),
    };
  }

  /**
   * Cancels a meeting that is in one of `from` and frees everyone in it: on PostgreSQL one
   * statement (two data-modifying CTEs), on SQLite two. False (and nothing changed) when the
   * meeting was not in one of `from`.
   */
  async cancelAndFree(
    id: string,
    from: MeetingStatus[],
    changes: { cancelReason: string; cancelledById: string | null; updatedAt: Date },
    em: EntityManager,
    holdsSecondSlot = true,
  ): Promise<boolean> {
    const set = `status = 'CANCELLED', cancel_reason = ?, cancelled_by_id = ?, updated_at = ?, sequence = sequence + 1`;
    const where = `id = ? AND status IN (${from.map(() => '?').join(', ')})`;
    const params = [changes.cancelReason, changes.cancelledById, this.db.instant(changes.updatedAt), id, ...from];
    if (this.db.engine === 'postgres') {
      const { rows } = await this.db.sql<{ moved: number }>(
        `WITH moved AS (UPDATE meetings SET ${set} WHERE ${where} RETURNING id),
              freed AS (UPDATE meeting_participants SET active = FALSE
                         WHERE meeting_id IN (SELECT id FROM moved) AND active RETURNING id),
              released AS (DELETE FROM meeting_participants
                         WHERE meeting_id IN (SELECT id FROM moved) AND extra_hold RETURNING id)
         SELECT (SELECT COUNT(*) FROM moved) AS moved, (SELECT COUNT(*) FROM freed) AS freed,
                (SELECT COUNT(*) FROM released) AS released`,
        params,
        em,
      );
      return Number(rows[0]!.moved) === 1;
    }
    const { affected } = await this.db.sql(`UPDATE meetings SET ${set} WHERE ${where}`, params, em);
    if (affected !== 1) return false;
    await this.deactivateAll(id, em, holdsSecondSlot);
    return true;
  }

  /**
   * Puts a person in a meeting. False when a uniqueness rule refused it: the person is already in
   * a live meeting in that slot, or the seat is taken. Never partially applied.
   */
  async insertParticipant(p: NewParticipant, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      `INSERT INTO meeting_participants (id, meeting_id, user_id, slot_id, role, active, extra_hold, offer_id, seats, seat_no, confirmed_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
      !p.hold,
      p.hold === true,
      p.offerId ?? null,
      p.seats ?? null,
      p.seatNo ?? null,
      p.confirmedAt ? this.db.instant(p.confirmedAt) : null,
      this.db.instant(p.now),
    ];
  }

  /**
   * The people of a new meeting in one INSERT (or their hold rows in its second slot, with `hold`);
   * returns the ids of those seated (the others were busy in the slot).
   */
  async insertParticipants(people: NewParticipant[], em: EntityManager): Promise<Set<string>> {
    if (people.length === 0) return new Set();
    const row = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    const { rows } = await this.db.sql<{ user_id: string }>(
      `INSERT INTO meeting_participants (id, meeting_id, user_id, slot_id, role, active, extra_hold, offer_id, seats, seat_no, confirmed_at, created_at)
       VALUES ${people.map(() => row).join(', ')}
       ON CONFLICT DO NOTHING RETURNING user_id`,
      people.flatMap((p) => this.participantValues(p)),
      em,
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async isBusy(userId: string, slotId: string, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      'SELECT 1 AS busy FROM meeting_participants WHERE user_id = ? AND slot_id = ? AND (active OR extra_hold)',
      [userId, slotId],
      em,
    );
    return rows.length > 0;
  }

  /** The live meeting that holds the person in the slot, if any. */
  async meetingOfIn(userId: string, slotId: string, em: EntityManager): Promise<string | null> {
    const { rows } = await this.db.sql<{ meeting_id: string }>(
      'SELECT meeting_id FROM meeting_participants WHERE user_id = ? AND slot_id = ? AND (active OR extra_hold)',
      [userId, slotId],
      em,
    );
    return rows[0]?.meeting_id ?? null;
  }

  /** Of these users, those held by a live meeting in the slot (in it, or in its extra time). */
  async busyAmong(userIds: string[], slotId: string, em: EntityManager): Promise<string[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.db.sql<{ user_id: string }>(
      `SELECT user_id FROM meeting_participants WHERE slot_id = ? AND (active OR extra_hold) AND user_id IN (${userIds.map(() => '?').join(',')})`,
      [slotId, ...userIds],
      em,
    );
    return rows.map((row) => row.user_id);
  }

  /** Slots (of a session) in which any of these users is held by a live meeting. */
  async busySlots(sessionId: string, userIds: string[], em: EntityManager): Promise<Set<string>> {
    const { rows } = await this.db.sql<{ slot_id: string }>(
      `SELECT DISTINCT p.slot_id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
        WHERE m.session_id = ? AND (p.active OR p.extra_hold) AND p.user_id IN (${userIds.map(() => '?').join(',')})`,
      [sessionId, ...userIds],
      em,
    );
    return new Set(rows.map((row) => row.slot_id));
  }

  /** Ids of meetings in these statuses, starting after `now`, that the person is still in. */
  async upcomingFor(
    userId: string,
    statuses: MeetingStatus[],
    now: Date,
    em: EntityManager,
    sessionId?: string,
  ): Promise<string[]> {
    const { rows } = await this.db.sql<{ id: string }>(
      `SELECT m.id FROM meetings m JOIN meeting_participants p ON p.meeting_id = m.id
        WHERE p.user_id = ? AND p.active AND m.starts_at > ? AND m.status IN (${statuses.map(() => '?').join(', ')})${sessionId ? ' AND m.session_id = ?' : ''}
        ORDER BY m.starts_at, m.id`,
      [userId, this.db.instant(now), ...statuses, ...(sessionId ? [sessionId] : [])],
      em,
    );
    return rows.map((row) => row.id);
  }

  /**
   * activeParticipants, and in the same statement whether the meeting's offer has anyone WAITING
   * on standby (a seat this change frees is then offered to them; most offers have nobody).
   */
  activeParticipantsAndStandby(
    meetingId: string,
    em: EntityManager,
  ): Promise<{ participants: MeetingParticipantEntity[]; standbyWaiting: boolean }> {
    return this.readActive(meetingId, em, true);
  }

  /** The meeting's active participants, oldest first. */
  async activeParticipants(meetingId: string, em: EntityManager): Promise<MeetingParticipantEntity[]> {
    return (await this.readActive(meetingId, em, false)).participants;
  }

  private async readActive(
    meetingId: string,
    em: EntityManager,
    withStandby: boolean,
  ): Promise<{ participants: MeetingParticipantEntity[]; standbyWaiting: boolean }> {
    const standby = withStandby
      ? `CASE WHEN EXISTS (SELECT 1 FROM meetings m JOIN standby_entries e ON e.offer_id = m.offer_id
                            WHERE m.id = p.meeting_id AND e.status = 'WAITING') THEN 1 ELSE 0 END`
      : '0';
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT p.id, p.meeting_id, p.user_id, p.slot_id, p.role, p.offer_id, p.seats, p.seat_no, p.confirmed_at, p.created_at,
              ${standby} AS standby_waiting
         FROM meeting_participants p WHERE p.meeting_id = ? AND p.active ORDER BY p.created_at`,
      [meetingId],
      em,
    );
    const participants = rows.map((row): MeetingParticipantEntity => ({
      id: String(row.id),
      meetingId: String(row.meeting_id),
      userId: String(row.user_id),
      slotId: String(row.slot_id),
      role: row.role as ParticipantRole,
      active: true,
      extraHold: false,
      offerId: row.offer_id === null ? null : String(row.offer_id),
      seats: row.seats === null ? null : Number(row.seats),
      seatNo: row.seat_no === null ? null : Number(row.seat_no),
      confirmedAt: row.confirmed_at === null ? null : this.db.readInstant(row.confirmed_at),
      createdAt: this.db.readInstant(row.created_at),
    }));
    return { participants, standbyWaiting: rows.some((row) => Number(row.standby_waiting) === 1) };
  }

  async deactivateParticipant(id: string, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE meeting_participants SET active = FALSE WHERE id = ?', [id], em);
  }

  /** Everyone out of the meeting; an extra-time meeting's hold rows go too (`holdsSecondSlot`). */
  async deactivateAll(meetingId: string, em: EntityManager, holdsSecondSlot = true): Promise<void> {
    await this.db.sql(
      'UPDATE meeting_participants SET active = FALSE WHERE meeting_id = ? AND active',
      [meetingId],
      em,
    );
    if (holdsSecondSlot) await this.releaseHolds(meetingId, em);
  }

  /** Frees the second slot of an extra-time meeting: its hold rows go (for one person, with `userId`). */
  async releaseHolds(meetingId: string, em: EntityManager, userId?: string): Promise<void> {
    await this.db.sql(
      `DELETE FROM meeting_participants WHERE meeting_id = ? AND extra_hold${userId ? ' AND user_id = ?' : ''}`,
      userId ? [meetingId, userId] : [meetingId],
      em,
    );
  }

  async confirmParticipant(id: string, now: Date, em: EntityManager): Promise<void> {
    await em.update(MeetingParticipantEntity, { id }, { confirmedAt: now });
  }

  /** Conditional status change; false when the meeting was not in one of `from`. */
  async transition(
    id: string,
    from: MeetingStatus[],
    changes: Partial<MeetingEntity> & { status: MeetingStatus; updatedAt: Date },
    em: EntityManager,
  ): Promise<boolean> {
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

  /** An interpreter assigned to the meeting (the rooms module's meeting_interpreters, docs/interpretation-and-access.md). */
  async isInterpreterOf(meetingId: string, userId: string): Promise<boolean> {
    const { rows } = await this.db.sql(
      'SELECT 1 AS found FROM meeting_interpreters WHERE meeting_id = ? AND user_id = ?',
      [meetingId, userId],
    );
    return rows.length > 0;
  }

  /** Participants of a cancelled meeting (kept inactive as history). */
  formerParticipants(meetingIds: readonly string[]): Promise<ParticipantWithUser[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(MeetingParticipantEntity, 'p')
      .innerJoinAndMapOne('p.user', UserEntity, 'u', 'u.id = p.user_id')
      .where('p.meeting_id IN (:...meetingIds)', { meetingIds: [...meetingIds] })
      .andWhere('NOT p.extra_hold')
      .orderBy('p.createdAt', 'ASC')
      .getMany() as Promise<ParticipantWithUser[]>;
  }

  /**
   * Slot ids among these that hold a live meeting: the slot it started in, or a later slot its
   * people are held in because it was extended (extendIntoNextSlot) or takes extra time.
   */
  async slotsInUse(slotIds: string[], em: EntityManager): Promise<string[]> {
    const inList = slotIds.map(() => '?').join(',');
    const { rows } = await this.db.sql<{ slot_id: string }>(
      `SELECT slot_id FROM meetings WHERE status IN ${LIVE} AND slot_id IN (${inList})
       UNION
       SELECT p.slot_id FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
        WHERE (p.active OR p.extra_hold) AND m.status IN ${LIVE} AND p.slot_id IN (${inList})`,
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
  inWindow(
    now: Date,
    beforeMs: number,
    afterMs: number,
    statuses: MeetingStatus[],
    sessionId?: string,
  ): Promise<MeetingEntity[]> {
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
    await this.db.sql(
      'UPDATE meeting_participants SET slot_id = ? WHERE meeting_id = ? AND active',
      [slotId, meetingId],
      em,
    );
  }

  async setEnd(meetingId: string, endsAt: Date, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE meetings SET ends_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?',
      [this.db.instant(endsAt), this.db.instant(now), meetingId],
      em,
    );
  }

  /** Drops the (cancelled) meeting history of slots that are being deleted. */
  async deleteForSlots(slotIds: string[], em: EntityManager): Promise<void> {
    const inList = slotIds.map(() => '?').join(',');
    await this.db.sql(
      `UPDATE meetings SET rescheduled_from_id = NULL WHERE rescheduled_from_id IN (SELECT id FROM meetings WHERE slot_id IN (${inList}))`,
      slotIds,
      em,
    );
    await this.db.sql(`DELETE FROM meeting_participants WHERE slot_id IN (${inList})`, slotIds, em);
    await this.db.sql(`DELETE FROM meetings WHERE slot_id IN (${inList})`, slotIds, em);
  }

  /** Live meetings follow their slots' new times (the session moved). */
  async realignTimes(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    await this.db.sql(
      `UPDATE meetings SET
         starts_at = (SELECT s.starts_at FROM slots s WHERE s.id = meetings.slot_id),
         ends_at = (SELECT s.ends_at FROM slots s WHERE s.id = COALESCE(meetings.extra_slot_id, meetings.slot_id)),
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
      `DELETE FROM meeting_participants WHERE extra_hold AND meeting_id IN (SELECT id FROM meetings WHERE session_id = ? AND status IN ${CANCELLABLE})`,
      [sessionId],
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
  async historyOf(
    userIds: readonly string[],
  ): Promise<{ userId: string; meetingId: string; otherId: string | null }[]> {
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

  /** The session's meetings that were not cancelled, earliest first (the attendance report). */
  heldOrDueInSession(sessionId: string): Promise<MeetingEntity[]> {
    return this.db.manager
      .createQueryBuilder(MeetingEntity, 'm')
      .where(`m.sessionId = :sessionId AND m.status <> 'CANCELLED'`, { sessionId })
      .orderBy('m.startsAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /** The session's live meetings with their active people (the auto-scheduler never moves them). */
  liveInSession(
    sessionId: string,
    em: EntityManager = this.db.manager,
  ): Promise<{ meeting: MeetingEntity; participants: MeetingParticipantEntity[] }[]> {
    return this.inSessionWithPeople(sessionId, LIVE, em);
  }

  /** The session's meetings that are to come, under way or held (not cancelled, not a no-show), with their active people. */
  heldOrLiveInSession(
    sessionId: string,
  ): Promise<{ meeting: MeetingEntity; participants: MeetingParticipantEntity[] }[]> {
    return this.inSessionWithPeople(
      sessionId,
      `('PROPOSED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED')`,
      this.db.manager,
    );
  }

  private async inSessionWithPeople(
    sessionId: string,
    statuses: string,
    em: EntityManager,
  ): Promise<{ meeting: MeetingEntity; participants: MeetingParticipantEntity[] }[]> {
    const meetings = await em
      .createQueryBuilder(MeetingEntity, 'm')
      .where(`m.sessionId = :sessionId AND m.status IN ${statuses}`, { sessionId })
      .getMany();
    if (meetings.length === 0) return [];
    const participants = await em.find(MeetingParticipantEntity, {
      where: { meetingId: In(meetings.map((m) => m.id)), active: true },
    });
    return meetings.map((meeting) => ({
      meeting,
      participants: participants.filter((p) => p.meetingId === meeting.id),
    }));
  }
}
