import { AccessNeedsService, NeedsGiven } from '../access/access-needs.service';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database, isUniqueViolation } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { assertTransition, sourcesOf } from '../../core/errors/state-machine';
import { SlotEntity } from '../events/entities/slot.entity';
import { SessionsService } from '../events/sessions.service';
import { MeetingSource, MeetingStatus, OutcomeSource, ParticipantRole } from './booking.enums';
import { BookingError, BookingErrorCode } from './booking.errors';
import {
  assertSessionOpen,
  assertSlotBookable,
  consecutiveSlot,
  noConsecutiveSlot,
  notRegistered,
  slotTaken,
} from './booking-rules';
import { MEETING_TRANSITIONS, OUTCOME_OPEN } from './booking-transitions';
import { MeetingParticipantEntity } from './entities/meeting-participant.entity';
import { OfferEntity } from './entities/offer.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { BookingLive } from './booking-live';
import { MeetingChangeListeners, MeetingPerson } from './meeting-change-listener';
import { MeetingPlacer, PlacedMeeting, slotsOf } from './meeting-placer';
import { AgendaRow, MeetingsRepository, StandbyGuard } from './meetings.repository';
import { RequestsRepository } from './requests.repository';
import { OffersRepository } from './offers.repository';
import { RegistrationsService } from './registrations.service';
import { WaitingListService } from './waiting-list.service';

export const RESCHEDULED = 'RESCHEDULED';

/** A meeting with its active participants (what the rooms module needs to admit people). */
export interface MeetingWithPeople {
  meeting: MeetingEntity;
  participants: MeetingParticipantEntity[];
}

/** Why a meeting could not be extended (extendIntoNextSlot); the caller words the error. */
export type ExtensionRefusal =
  | { reason: 'NOT_FOUND' }
  | { reason: 'NOT_LIVE'; status: MeetingStatus }
  | { reason: 'NOT_STARTED'; heldSlotStartsAt: Date }
  | { reason: 'ENDED' }
  | { reason: 'NO_NEXT_SLOT' }
  | { reason: 'NOT_FREE'; userIds: string[] };

export type ExtensionResult = { extended: MeetingEntity } | ExtensionRefusal;

/** Statuses attendance may move a meeting to (see applyAttendanceStatus). */
export type AttendanceStatus = MeetingStatus.IN_PROGRESS | MeetingStatus.COMPLETED | MeetingStatus.NO_SHOW;

@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: Database,
    private readonly meetings: MeetingsRepository,
    private readonly offers: OffersRepository,
    private readonly placer: MeetingPlacer,
    private readonly registrations: RegistrationsService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly changes: MeetingChangeListeners,
    private readonly live: BookingLive,
    private readonly requests: RequestsRepository,
    private readonly waitingList: WaitingListService,
    private readonly access: AccessNeedsService,
  ) {}

  /**
   * Books a seat in a host's offered slot: one transaction, decided by the database's unique
   * indexes, so concurrent bookings of the last seat give exactly one winner.
   */
  book(actor: Actor, offerId: string, extraTime = false, accessNeeds?: NeedsGiven | null): Promise<MeetingEntity> {
    this.access.assertConsent(accessNeeds);
    return this.db.write(async (em) => {
      const booked = await this.bookIn(actor, offerId, em, extraTime);
      await this.access.recordIn(em, actor.id, { meetingId: booked.id }, accessNeeds);
      return booked;
    });
  }

  /**
   * book() inside the caller's transaction (a standby claim). With `extraTime` the meeting takes
   * the offer's slot and the next one, which the same host offers: both held for host and guest.
   */
  async bookIn(actor: Actor, offerId: string, em: EntityManager, extraTime = false): Promise<MeetingEntity> {
    const { offer, sessionId, slot, now } = await this.bookableOffer(actor, offerId, em);
    const extraSlot = extraTime ? await this.extraSlotFor(offer, slot, em) : null;
    const { meeting: booked, people } = await this.seat(actor, offer, slot, sessionId, now, em, extraSlot).catch(
      async (error: unknown) => {
        // Your own clash: which meeting, and the session's slots where you are busy (suggest only the others).
        throw await this.placer.explainBusy(error, actor.id, slot.id, em, async () => ({
          busySlotIds: [...(await this.meetings.busySlots(sessionId, [actor.id], em))],
        }));
      },
    );
    await this.changes.emit({ kind: 'booked', meeting: booked, people, byUserId: actor.id }, em);
    return booked;
  }

  /**
   * Rule: the offer is live, not the actor's own, in an open session whose slot can still be
   * booked, and the actor is registered for that session. Booking and joining its standby list
   * both start here.
   */
  async bookableOffer(
    actor: Actor,
    offerId: string,
    em: EntityManager,
  ): Promise<{ offer: OfferEntity; sessionId: string; slot: SlotEntity; now: Date }> {
    // One statement: the offer, the actor's registration, the slot and the session's status.
    const found = await this.offers.findBookable(offerId, actor.id, em);
    if (!found) throw CommonError.notFound('Offer', offerId);
    const { offer, registered, slot, sessionStatus } = found;
    if (offer.hostId === actor.id)
      throw new BookingError(BookingErrorCode.CANNOT_BOOK_SELF, 'You cannot book your own slot.');
    const session = { id: offer.sessionId, status: sessionStatus };
    assertSessionOpen(session);
    const now = this.clock.now();
    assertSlotBookable(slot, session, now);
    if (!registered) throw notRegistered(session.id, actor.id);
    return { offer, sessionId: session.id, slot, now };
  }

  /**
   * Extra time's second slot for a booking of this one-to-one offer: the slot right after, which
   * its host offers too. Whether everyone is free in it is decided when they are held there.
   */
  private async extraSlotFor(offer: OfferEntity, slot: SlotEntity, em: EntityManager): Promise<SlotEntity> {
    if (offer.seats > 1) throw noConsecutiveSlot('GROUP_OFFER', slot.id);
    const next = consecutiveSlot(await this.sessions.slotsOf([offer.sessionId], em), slot);
    if (!next) throw noConsecutiveSlot('NO_NEXT_SLOT', slot.id);
    if (!(await this.offers.findLiveForHostSlot(offer.hostId, next.id, em)))
      throw noConsecutiveSlot('NOT_OFFERED', next.id);
    return next;
  }

  private async seat(
    actor: Actor,
    offer: OfferEntity,
    slot: SlotEntity,
    sessionId: string,
    now: Date,
    em: EntityManager,
    extraSlot: SlotEntity | null = null,
  ): Promise<PlacedMeeting> {
    // Seats held for someone else on standby are not free. The statements that seat the guest
    // count them themselves, after the offer's live meeting is locked (or known not to exist): on
    // PostgreSQL a cancellation that freed and held a seat has committed by then, and concurrent
    // joiners wait on the same lock; SQLite's writes are serialised.
    const standby = { offerId: offer.id, userId: actor.id, now, seats: offer.seats };
    const existing = await this.meetings.lockLiveForOffer(offer.id, em);
    if (existing) return this.joinGroup(existing, actor.id, offer, now, standby, em);
    try {
      return await this.placer.place(
        {
          sessionId,
          slot,
          extraSlot,
          hostId: offer.hostId,
          guestIds: [actor.id],
          offer,
          source: MeetingSource.BOOKED,
          status: MeetingStatus.CONFIRMED,
          now,
          standby,
        },
        em,
      );
    } catch (error) {
      if (!(error instanceof BookingError && error.code === BookingErrorCode.SLOT_TAKEN)) throw error;
      // A concurrent booking created the offer's meeting first (or every seat is held): join it if a seat is left.
      const winner = await this.meetings.lockLiveForOffer(offer.id, em);
      if (!winner) throw error;
      return this.joinGroup(winner, actor.id, offer, now, standby, em);
    }
  }

  private async joinGroup(
    meeting: MeetingEntity,
    guestId: string,
    offer: OfferEntity,
    now: Date,
    standby: StandbyGuard,
    em: EntityManager,
  ): Promise<PlacedMeeting> {
    await this.placer.seatGuest(meeting, guestId, offer, em, now, standby);
    return { meeting, people: await this.people(meeting.id, em) };
  }

  private async people(meetingId: string, em: EntityManager): Promise<MeetingPerson[]> {
    return (await this.meetings.activeParticipants(meetingId, em)).map((p) => ({ userId: p.userId, role: p.role }));
  }

  /**
   * A guest leaving a group meeting frees their seat; anyone else cancelling (or the last guest
   * leaving) cancels the meeting for all. A third party leaving keeps the meeting one-to-one.
   */
  async cancel(actor: Actor, meetingId: string, reason: string): Promise<MeetingEntity> {
    return this.db.write(async (em) => {
      const { meeting, participants, standbyWaiting } = await this.forParticipantOrOrganiser(actor, meetingId, em);
      assertTransition('Meeting', MEETING_TRANSITIONS, meeting.status, MeetingStatus.CANCELLED);
      return this.leaveOrCancel(meeting, participants, actor.id, reason, em, standbyWaiting);
    });
  }

  /**
   * Takes a person out of all their upcoming meetings inside the caller's transaction (account
   * erasure), by the same rules as cancel(): the others are told through the usual change events.
   */
  async leaveUpcoming(userId: string, reason: string, em: EntityManager, sessionId?: string): Promise<void> {
    for (const meetingId of await this.meetings.upcomingFor(
      userId,
      sourcesOf(MEETING_TRANSITIONS, MeetingStatus.CANCELLED),
      this.clock.now(),
      em,
      sessionId,
    )) {
      const meeting = await this.meetings.lock(meetingId, em);
      if (meeting)
        await this.leaveOrCancel(meeting, await this.meetings.activeParticipants(meetingId, em), userId, reason, em);
    }
  }

  private async leaveOrCancel(
    meeting: MeetingEntity,
    participants: MeetingParticipantEntity[],
    userId: string,
    reason: string,
    em: EntityManager,
    standbyWaiting?: boolean,
  ): Promise<MeetingEntity> {
    const mine = participants.find((p) => p.userId === userId);
    const guests = participants.filter((p) => p.role === ParticipantRole.GUEST);
    const leavesOnly =
      mine && (mine.role === ParticipantRole.THIRD_PARTY || (mine.role === ParticipantRole.GUEST && guests.length > 1));
    if (leavesOnly) {
      await this.meetings.deactivateParticipant(mine.id, em);
      if (meeting.extraSlotId) await this.meetings.releaseHolds(meeting.id, em, userId);
      this.live.slotsChanged(meeting.sessionId, slotsOf(meeting), em);
      const people = participants.filter((p) => p.id !== mine.id).map((p) => ({ userId: p.userId, role: p.role }));
      await this.changes.emit({ kind: 'left', meeting, people, byUserId: userId, reason, standbyWaiting }, em);
      return meeting;
    }
    const cancelled = await this.cancelWhole(meeting, reason, userId, em);
    const people = participants.map((p) => ({ userId: p.userId, role: p.role }));
    await this.changes.emit(
      { kind: 'cancelled', meeting: cancelled, people, byUserId: userId, reason, standbyWaiting },
      em,
    );
    return cancelled;
  }

  /**
   * The person leaves a session they registered for: out of its upcoming meetings by cancel()'s
   * rules (the others are told; freed seats go to standby), then out of its offers, standby lists,
   * pending requests and registration. NOT_REGISTERED when they were not registered.
   */
  async leaveSession(actor: Actor, sessionId: string, reason: string): Promise<void> {
    await this.db.write(async (em) => {
      await this.registrations.requireRegistration(sessionId, actor.id, em);
      await this.leaveUpcoming(actor.id, reason, em, sessionId);
      this.live.slotsChanged(sessionId, await this.registrations.removeFromSession(sessionId, actor.id, em), em);
      await this.waitingList.promote(sessionId, em);
    });
  }

  /** Moves a meeting to another slot: the new slot is taken and the old freed in one transaction. */
  async reschedule(actor: Actor, meetingId: string, slotId: string): Promise<MeetingEntity> {
    return this.db.write(async (em) => {
      const { meeting, participants } = await this.forParticipantOrOrganiser(actor, meetingId, em);
      assertTransition('Meeting', MEETING_TRANSITIONS, meeting.status, MeetingStatus.CANCELLED);
      if (meeting.slotId === slotId)
        throw new BookingError(BookingErrorCode.SAME_SLOT, 'The meeting is already in that slot.');
      const guests = participants.filter((p) => p.role === ParticipantRole.GUEST);
      if (guests.length > 1) {
        throw new BookingError(
          BookingErrorCode.GROUP_MEETING,
          'A group consultation cannot be moved for everyone; leave it and book another slot.',
        );
      }
      const { slot, session } = await this.sessions.requireSlot(meeting.sessionId, slotId, em);
      assertSessionOpen(session);
      const now = this.clock.now();
      assertSlotBookable(slot, session, now);
      const people = participants.map((p) => p.userId);
      await this.registrations.assertAvailable(session.id, slot.id, people, em);
      // An extra-time meeting keeps its length: the slot after the new one is taken too.
      const extraSlot = meeting.extraSlotId
        ? consecutiveSlot(await this.sessions.slotsOf([session.id], em), slot)
        : null;
      if (meeting.extraSlotId && !extraSlot) throw noConsecutiveSlot('NO_NEXT_SLOT', slot.id);
      if (extraSlot) await this.registrations.assertAvailable(session.id, extraSlot.id, people, em);
      // The replaced meeting is closed without a SEQUENCE of its own: its calendar event carries on in the new one.
      const previous = await this.cancelWhole(meeting, RESCHEDULED, actor.id, em);
      return this.replaceIn(meeting, previous, participants, slot, extraSlot, actor.id, now, em);
    });
  }

  /**
   * The meeting's successor in another slot (same calendar event, next SEQUENCE), after the caller
   * cancelled `meeting` as `previous`; its requests follow it, and everyone is told of the move.
   */
  private async replaceIn(
    meeting: MeetingEntity,
    previous: MeetingEntity,
    participants: MeetingParticipantEntity[],
    slot: SlotEntity,
    extraSlot: SlotEntity | null,
    byUserId: string | null,
    now: Date,
    em: EntityManager,
  ): Promise<MeetingEntity> {
    const hostOffer = await this.offers.findLiveForHostSlot(meeting.hostId, slot.id, em);
    if (hostOffer && (await this.meetings.findLiveForOffer(hostOffer.id, em))) throw slotTaken();
    const { meeting: moved, people } = await this.placer.place(
      {
        sessionId: meeting.sessionId,
        slot,
        extraSlot,
        hostId: meeting.hostId,
        guestIds: participants.filter((p) => p.role === ParticipantRole.GUEST).map((g) => g.userId),
        thirdPartyId: participants.find((p) => p.role === ParticipantRole.THIRD_PARTY)?.userId ?? null,
        offer: hostOffer,
        source: meeting.source,
        status: meeting.status,
        requestId: meeting.requestId,
        replaces: meeting,
        now,
      },
      em,
    );
    await this.requests.relinkMeeting(meeting.id, moved.id, em);
    await this.changes.emit({ kind: 'rescheduled', meeting: moved, previous, people, byUserId }, em);
    return moved;
  }

  /**
   * The auto-schedule's re-optimisation takes back a PROPOSED meeting nobody has agreed to yet, to
   * move or drop it (`reason`: RESCHEDULED for a move, told with the move). Null when it is no longer
   * such a proposal (someone confirmed it, or it ended): the draft is stale.
   */
  async takeBackProposal(
    meetingId: string,
    reason: string,
    em: EntityManager,
  ): Promise<{ meeting: MeetingEntity; previous: MeetingEntity; participants: MeetingParticipantEntity[] } | null> {
    const meeting = await this.meetings.lock(meetingId, em);
    if (!meeting || meeting.status !== MeetingStatus.PROPOSED) return null;
    const participants = await this.meetings.activeParticipants(meeting.id, em);
    if (participants.some((p) => p.confirmedAt)) return null;
    const previous = await this.cancelWhole(meeting, reason, null, em);
    if (reason !== RESCHEDULED) {
      // Dropped: everyone is told, its requests are open to be scheduled again, and its seat goes to standby.
      await this.requests.relinkMeeting(meeting.id, null, em);
      const people = participants.map((p) => ({ userId: p.userId, role: p.role }));
      await this.changes.emit({ kind: 'cancelled', meeting: previous, people, byUserId: null, reason }, em);
    }
    return { meeting, previous, participants };
  }

  /**
   * Puts a proposal taken back for a move (takeBackProposal) into its new slot; everyone gets the
   * calendar update. Proposals with extra time never move (the scheduler keeps them fixed).
   */
  moveProposal(
    taken: { meeting: MeetingEntity; previous: MeetingEntity; participants: MeetingParticipantEntity[] },
    slot: SlotEntity,
    em: EntityManager,
  ): Promise<MeetingEntity> {
    return this.replaceIn(taken.meeting, taken.previous, taken.participants, slot, null, null, this.clock.now(), em);
  }

  /** A participant agrees to a PROPOSED meeting; when everyone has, it is CONFIRMED. */
  async confirm(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    return this.db.write(async (em) => {
      const { meeting, participants } = await this.forParticipant(actor, meetingId, em);
      assertTransition('Meeting', MEETING_TRANSITIONS, meeting.status, MeetingStatus.CONFIRMED);
      return this.confirmFor(meeting, participants, [actor.id], em);
    });
  }

  /**
   * These people agree to a PROPOSED meeting (locked by the caller); when everyone has, it is
   * CONFIRMED and the PENDING requests it was scheduled for are ACCEPTED with it (a request and
   * its meeting always agree).
   */
  async confirmFor(
    meeting: MeetingEntity,
    participants: MeetingParticipantEntity[],
    userIds: string[],
    em: EntityManager,
  ): Promise<MeetingEntity> {
    const now = this.clock.now();
    for (const p of participants)
      if (userIds.includes(p.userId) && !p.confirmedAt) await this.meetings.confirmParticipant(p.id, now, em);
    if (!participants.every((p) => p.confirmedAt || userIds.includes(p.userId))) return meeting;
    await this.transition(meeting, MeetingStatus.CONFIRMED, em, {});
    await this.requests.acceptScheduled(meeting.id, now, em);
    const confirmed = { ...meeting, status: MeetingStatus.CONFIRMED, sequence: meeting.sequence + 1, updatedAt: now };
    // Everyone's calendar learns the proposal is now a confirmed meeting (STATUS:CONFIRMED, SEQUENCE + 1).
    await this.changes.emit(
      { kind: 'confirmed', meeting: confirmed, people: participants.map((p) => ({ userId: p.userId, role: p.role })) },
      em,
    );
    return confirmed;
  }

  /**
   * Takes a person out of a PROPOSED meeting (their request was declined, withdrawn or expired):
   * a guest of a group leaves it, otherwise it is cancelled for all with notice (cancel()'s rules).
   * Returns the meeting as it is now, or null when there was no such meeting to change.
   */
  async withdrawProposed(
    meetingId: string,
    userId: string,
    reason: string,
    em: EntityManager,
  ): Promise<MeetingEntity | null> {
    const meeting = await this.meetings.lock(meetingId, em);
    if (!meeting || meeting.status !== MeetingStatus.PROPOSED) return null;
    return this.leaveOrCancel(meeting, await this.meetings.activeParticipants(meeting.id, em), userId, reason, em);
  }

  /** A participant's people as the change events carry them (for callers inside booking). */
  peopleOf(meetingId: string, em: EntityManager): Promise<MeetingPerson[]> {
    return this.people(meetingId, em);
  }

  async get(actor: Actor, meetingId: string): Promise<MeetingEntity> {
    const meeting = await this.meetings.findById(meetingId);
    if (!meeting) throw CommonError.notFound('Meeting', meetingId);
    const session = await this.sessions.require(meeting.sessionId);
    if (this.sessions.isOrganiserOf(actor, session)) return meeting;
    const people = await this.meetings.formerParticipants([meeting.id]);
    if (people.some((p) => p.userId === actor.id)) return meeting;
    // An interpreter assigned to the meeting sees it too, to open its room (not one of its people).
    if (await this.meetings.isInterpreterOf(meeting.id, actor.id)) return meeting;
    throw CommonError.notFound('Meeting', meetingId);
  }

  agenda(actor: Actor, options: { from?: Date; includeCancelled: boolean }): Promise<AgendaRow[]> {
    return this.agendaOfUser(actor.id, options);
  }

  /** A person's agenda by id, for other modules (the notifications' calendar feed, which has no signed-in actor). */
  agendaOfUser(userId: string, options: { from?: Date; includeCancelled: boolean }): Promise<AgendaRow[]> {
    return this.meetings.agendaOf(userId, { ...options, limit: 500 });
  }

  participantsOf(meetingIds: readonly string[]) {
    return this.meetings.participantsWithUsers(meetingIds);
  }

  // ---- for the followups module: meetings by id, and everyone who was ever in a meeting -------

  findByIds(meetingIds: readonly string[]): Promise<MeetingEntity[]> {
    return this.meetings.findByIds(meetingIds);
  }

  /** Every participant a meeting ever had, active or not (those who left, or a cancelled meeting's). */
  everyoneEverIn(meetingIds: readonly string[]) {
    return this.meetings.formerParticipants(meetingIds);
  }

  /** Of these meetings, those the actor may see (the rule of `get`): ever in it, or organiser of its session (or admin). */
  async visibleTo(actor: Actor, meetingIds: readonly string[]): Promise<Set<string>> {
    if (meetingIds.length === 0) return new Set();
    if (actor.roles.includes(Role.ADMIN)) return new Set((await this.meetings.findByIds(meetingIds)).map((m) => m.id));
    return new Set(await this.meetings.visibleTo(actor.id, meetingIds));
  }

  // ---- for the rooms module (video): reads, attendance-driven status, extension ----------------

  async findWithPeople(meetingId: string, em?: EntityManager): Promise<MeetingWithPeople | null> {
    return this.withPeople(await this.meetings.findById(meetingId, em), em);
  }

  /** The meeting alone, and its active participants: two reads a caller may run side by side. */
  find(meetingId: string): Promise<MeetingEntity | null> {
    return this.meetings.findById(meetingId);
  }

  activeParticipantsOf(meetingId: string): Promise<MeetingParticipantEntity[]> {
    return this.meetings.activeParticipants(meetingId, this.db.manager);
  }

  async findByRoomName(roomName: string, em?: EntityManager): Promise<MeetingWithPeople | null> {
    return this.withPeople(await this.meetings.findByRoomName(roomName, em), em);
  }

  private async withPeople(meeting: MeetingEntity | null, em?: EntityManager): Promise<MeetingWithPeople | null> {
    return (
      meeting && { meeting, participants: await this.meetings.activeParticipants(meeting.id, em ?? this.db.manager) }
    );
  }

  /** CONFIRMED / IN_PROGRESS meetings whose [start - before, end + after] contains `now`. */
  inJoinWindow(now: Date, beforeMs: number, afterMs: number, sessionId?: string): Promise<MeetingEntity[]> {
    return this.meetings.inWindow(
      now,
      beforeMs,
      afterMs,
      [MeetingStatus.CONFIRMED, MeetingStatus.IN_PROGRESS],
      sessionId,
    );
  }

  /** CONFIRMED / IN_PROGRESS meetings that ended before `instant` (waiting for their outcome). */
  awaitingOutcome(instant: Date, limit: number): Promise<MeetingEntity[]> {
    return this.meetings.endedBefore(instant, [MeetingStatus.CONFIRMED, MeetingStatus.IN_PROGRESS], limit);
  }

  /**
   * Moves a meeting to IN_PROGRESS, COMPLETED or NO_SHOW because of who turned up, through
   * MEETING_TRANSITIONS as a conditional update in the caller's transaction. Returns false (and
   * changes nothing) when the meeting is not in a state that may move there — so a late or
   * repeated attendance event never undoes a newer outcome, and the room never overrides an
   * outcome its participants or an organiser gave (OUTCOME_OPEN). Outcomes are marked ROOM.
   */
  async applyAttendanceStatus(meetingId: string, to: AttendanceStatus, em: EntityManager): Promise<boolean> {
    const from = sourcesOf(MEETING_TRANSITIONS, to).filter((status) => OUTCOME_OPEN.includes(status));
    const outcome = to === MeetingStatus.IN_PROGRESS ? {} : { outcomeSource: OutcomeSource.ROOM };
    return this.meetings.transition(meetingId, from, { ...outcome, status: to, updatedAt: this.clock.now() }, em);
  }

  /**
   * Extends a live meeting into the slot right after its current end, when that slot is no break
   * and everyone in the meeting is free in it. Its people are then held in that slot (the unique
   * index on meeting_participants decides races with bookings), and ends_at moves to the slot's
   * end. Only once the slot it currently ends in has started, so the slot it leaves can no longer
   * be booked.
   */
  async extendIntoNextSlot(meetingId: string): Promise<ExtensionResult> {
    try {
      return await this.db.write(async (em): Promise<ExtensionResult> => {
        const meeting = await this.meetings.lock(meetingId, em);
        if (!meeting) return { reason: 'NOT_FOUND' };
        if (meeting.status !== MeetingStatus.CONFIRMED && meeting.status !== MeetingStatus.IN_PROGRESS)
          return { reason: 'NOT_LIVE', status: meeting.status };
        const now = this.clock.now();
        if (now.getTime() >= meeting.endsAt.getTime()) return { reason: 'ENDED' };
        const slots = (await this.sessions.slotsOf([meeting.sessionId], em)).sort((a, b) => a.idx - b.idx);
        const held = slots.find((slot) => slot.endsAt.getTime() === meeting.endsAt.getTime());
        const next = slots.find((slot) => slot.startsAt.getTime() === meeting.endsAt.getTime());
        if (held && now.getTime() < held.startsAt.getTime())
          return { reason: 'NOT_STARTED', heldSlotStartsAt: held.startsAt };
        if (!next || next.isBreak) return { reason: 'NO_NEXT_SLOT' };
        const participants = await this.meetings.activeParticipants(meeting.id, em);
        const busy = await this.meetings.busyAmong(
          participants.map((p) => p.userId),
          next.id,
          em,
        );
        if (busy.length > 0) return { reason: 'NOT_FREE', userIds: busy };
        await this.meetings.moveParticipantsToSlot(meeting.id, next.id, em);
        this.live.slotsChanged(meeting.sessionId, [next.id], em);
        await this.meetings.setEnd(meeting.id, next.endsAt, now, em);
        return { extended: { ...meeting, endsAt: next.endsAt, sequence: meeting.sequence + 1, updatedAt: now } };
      });
    } catch (error) {
      // A booking took one of them into that slot between our check and our update.
      if (isUniqueViolation(error)) return { reason: 'NOT_FREE', userIds: [] };
      throw error;
    }
  }

  async cancelWhole(
    meeting: MeetingEntity,
    reason: string,
    byUserId: string | null,
    em: EntityManager,
  ): Promise<MeetingEntity> {
    const changes = { cancelReason: reason, cancelledById: byUserId };
    const from = sourcesOf(MEETING_TRANSITIONS, MeetingStatus.CANCELLED);
    const freed = await this.meetings.cancelAndFree(
      meeting.id,
      from,
      { ...changes, updatedAt: this.clock.now() },
      em,
      meeting.extraSlotId !== null,
    );
    if (!freed) throw CommonError.invalidTransition('Meeting', meeting.status, MeetingStatus.CANCELLED);
    this.live.slotsChanged(meeting.sessionId, slotsOf(meeting), em);
    return { ...meeting, ...changes, status: MeetingStatus.CANCELLED, sequence: meeting.sequence + 1 };
  }

  private async transition(
    meeting: MeetingEntity,
    to: MeetingStatus,
    em: EntityManager,
    changes: Partial<MeetingEntity>,
  ): Promise<void> {
    const moved = await this.meetings.transition(
      meeting.id,
      sourcesOf(MEETING_TRANSITIONS, to),
      { ...changes, status: to, updatedAt: this.clock.now() },
      em,
    );
    if (!moved) throw CommonError.invalidTransition('Meeting', meeting.status, to);
  }

  private async forParticipant(actor: Actor, meetingId: string, em: EntityManager) {
    const meeting = await this.meetings.lock(meetingId, em);
    if (!meeting) throw CommonError.notFound('Meeting', meetingId);
    const participants = await this.meetings.activeParticipants(meeting.id, em);
    if (!participants.some((p) => p.userId === actor.id)) {
      throw new BookingError(BookingErrorCode.NOT_A_PARTICIPANT, 'You are not in this meeting.', { meetingId });
    }
    return { meeting, participants };
  }

  private async forParticipantOrOrganiser(
    actor: Actor,
    meetingId: string,
    em: EntityManager,
  ): Promise<{ meeting: MeetingEntity; participants: MeetingParticipantEntity[]; standbyWaiting: boolean }> {
    // Locked first: a booking joining, or another guest leaving, waits until this change is done.
    // The people are read by the next statement, so on PostgreSQL they are read after the lock.
    const meeting = await this.meetings.lock(meetingId, em);
    if (!meeting) throw CommonError.notFound('Meeting', meetingId);
    const { participants, standbyWaiting } = await this.meetings.activeParticipantsAndStandby(meeting.id, em);
    if (participants.some((p) => p.userId === actor.id)) return { meeting, participants, standbyWaiting };
    // Not in it: only the session's organiser may act (as organiser, never as a leaving guest).
    if (!this.sessions.isOrganiserOf(actor, await this.sessions.require(meeting.sessionId, em))) {
      // Everyone was freed when the meeting ended: its former people learn why nothing can change.
      const wasIn =
        meeting.status === MeetingStatus.CANCELLED &&
        (await this.meetings.formerParticipants([meeting.id])).some((p) => p.userId === actor.id);
      if (wasIn) throw CommonError.invalidTransition('Meeting', meeting.status, MeetingStatus.CANCELLED);
      throw new BookingError(BookingErrorCode.NOT_A_PARTICIPANT, 'You are not in this meeting.', { meetingId });
    }
    return { meeting, participants, standbyWaiting };
  }

  // ---- for matching: history and the session's fixed meetings ------------------------------------

  /** Per person: meetings had so far (any session, not cancelled) and the people met in them. */
  async historyOf(userIds: readonly string[]): Promise<Map<string, { meetings: number; met: Set<string> }>> {
    const history = new Map(userIds.map((id) => [id, { meetings: new Set<string>(), met: new Set<string>() }]));
    for (const row of await this.meetings.historyOf(userIds)) {
      const entry = history.get(row.userId)!;
      entry.meetings.add(row.meetingId);
      if (row.otherId) entry.met.add(row.otherId);
    }
    return new Map([...history].map(([id, entry]) => [id, { meetings: entry.meetings.size, met: entry.met }]));
  }

  /** The session's meetings that were not cancelled, earliest first (for the rooms' attendance report). */
  notCancelledInSession(sessionId: string): Promise<MeetingEntity[]> {
    return this.meetings.heldOrDueInSession(sessionId);
  }

  /** Meetings to come, under way or held in the session (the fairness report of a session as it stands). */
  heldOrLiveInSession(sessionId: string): Promise<MeetingWithPeople[]> {
    return this.meetings.heldOrLiveInSession(sessionId);
  }

  liveInSession(sessionId: string, em?: EntityManager): Promise<MeetingWithPeople[]> {
    return this.meetings.liveInSession(sessionId, em);
  }
}
