import { AccessNeedsService, NeedsGiven } from '../access/access-needs.service';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database, isUniqueViolation } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { assertTransition, sourcesOf } from '../../core/errors/state-machine';
import { SlotEntity } from '../events/entities/slot.entity';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { SessionsService } from '../events/sessions.service';
import {
  AcceptPlacement,
  MeetingSource,
  MeetingStatus,
  ParticipantRole,
  RequestDirection,
  RequestStatus,
  ThirdPartyStatus,
} from './booking.enums';
import { BookingError, BookingErrorCode } from './booking.errors';
import { assertSessionOpen, assertSlotBookable, consecutiveSlot, noConsecutiveSlot } from './booking-rules';
import { REQUEST_TRANSITIONS, THIRD_PARTY_TRANSITIONS } from './booking-transitions';
import { MeetingRequestEntity } from './entities/meeting-request.entity';
import { BookingLive } from './booking-live';
import { MeetingChangeListeners } from './meeting-change-listener';
import { MeetingPlacer, PlacedMeeting } from './meeting-placer';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { RegistrationsService } from './registrations.service';
import { RequestsRepository } from './requests.repository';

export interface SendRequest {
  sessionId: string;
  toUserId: string;
  thirdPartyId?: string | null;
  message: string;
  /** Extra time: the meeting takes two consecutive slots. */
  extraTime?: boolean;
  /** The sender's access needs for the meeting the request may become. */
  accessNeeds?: NeedsGiven | null;
}

/** Why a PROPOSED meeting ended with its request; shown to its people in both languages. */
export const REQUEST_DECLINED_REASON = 'Cais wedi’i wrthod / Request declined';
export const REQUEST_WITHDRAWN_REASON = 'Cais wedi’i dynnu’n ôl / Request withdrawn';
export const REQUEST_EXPIRED_REASON = 'Cais wedi dod i ben / Request expired';

const EXPIRY_BATCH = 200;
const HOUR_MS = 3_600_000;

/**
 * Meeting requests: they hold no slot while PENDING and expire when the session starts. The
 * receiver accepts into a named slot, the earliest mutual free slot, or the organiser's
 * auto-schedule; an invited third party confirms separately.
 */
@Injectable()
export class RequestsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly placer: MeetingPlacer,
    private readonly registrations: RegistrationsService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
    private readonly access: AccessNeedsService,
    private readonly changes: MeetingChangeListeners,
    private readonly live: BookingLive,
    private readonly meetingsService: MeetingsService,
  ) {}

  onModuleInit(): void {
    this.ticker.register('requests: EXPIRED at session start or after the expiry hours', () => this.expireStarted());
  }

  async send(actor: Actor, input: SendRequest): Promise<MeetingRequestEntity> {
    this.access.assertConsent(input.accessNeeds);
    if (input.toUserId === actor.id)
      throw new BookingError(BookingErrorCode.CANNOT_REQUEST_SELF, 'You cannot send a request to yourself.');
    if (input.thirdPartyId && [actor.id, input.toUserId].includes(input.thirdPartyId)) {
      throw CommonError.badInput('The third party must be someone else.', {
        thirdPartyId: ['must differ from sender and receiver'],
      });
    }
    return this.db.write(async (em) => {
      const session = await this.requestableSession(actor, input.sessionId, em);
      for (const userId of [actor.id, input.toUserId, input.thirdPartyId].filter((id): id is string => Boolean(id))) {
        await this.registrations.requireRegistration(session.id, userId, em);
      }
      if (session.requestCap !== null) await this.assertUnderCap(session.id, session.requestCap, actor.id, em);
      const now = this.clock.now();
      const request: MeetingRequestEntity = {
        id: randomUUID(),
        sessionId: session.id,
        fromUserId: actor.id,
        toUserId: input.toUserId,
        thirdPartyId: input.thirdPartyId ?? null,
        thirdPartyStatus: input.thirdPartyId ? ThirdPartyStatus.INVITED : null,
        message: input.message,
        status: RequestStatus.PENDING,
        awaitingSchedule: false,
        extraTime: input.extraTime ?? false,
        meetingId: null,
        declineReason: null,
        createdAt: now,
        respondedAt: null,
        expiresAt:
          session.requestExpiryHours === null ? null : new Date(now.getTime() + session.requestExpiryHours * HOUR_MS),
      };
      try {
        await this.requests.insert(request, em);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new BookingError(
            BookingErrorCode.DUPLICATE_REQUEST,
            'You already have a pending request to this person.',
          );
        throw error;
      }
      await this.access.recordIn(em, actor.id, { requestId: request.id }, input.accessNeeds);
      await this.changes.emit({ kind: 'requested', request }, em);
      this.live.requestSent(request, em);
      return request;
    });
  }

  async accept(
    actor: Actor,
    requestId: string,
    placement: AcceptPlacement,
    slotId: string | undefined,
    accessNeeds?: NeedsGiven | null,
  ): Promise<MeetingRequestEntity> {
    if (placement === AcceptPlacement.SLOT && !slotId)
      throw CommonError.badInput('Choose a slot, or another placement.', { slotId: ['required for SLOT'] });
    this.access.assertConsent(accessNeeds);
    return this.db.write(async (em) => {
      const { request, session } = await this.pendingFor(actor, requestId, 'toUserId', RequestStatus.ACCEPTED, em);
      await this.access.recordIn(em, actor.id, { requestId: request.id }, accessNeeds);
      const now = this.clock.now();
      const changes: Partial<MeetingRequestEntity> & { status: RequestStatus } = {
        status: RequestStatus.ACCEPTED,
        respondedAt: now,
      };
      let placed: PlacedMeeting | null = null;
      const proposed = request.meetingId ? await this.meetings.lock(request.meetingId, em) : null;
      const agreesToProposed = proposed?.status === MeetingStatus.PROPOSED;
      // Answered first: confirming the meeting accepts the PENDING requests it was made for.
      await this.move(request, changes, em);
      if (agreesToProposed) {
        // The auto-schedule already placed it: accepting agrees to that meeting, never makes a second.
        const participants = await this.meetings.activeParticipants(proposed.id, em);
        const meeting = await this.meetingsService.confirmFor(
          proposed,
          participants,
          [request.toUserId, request.fromUserId],
          em,
        );
        placed = { meeting, people: participants.map((p) => ({ userId: p.userId, role: p.role })) };
      } else if (placement === AcceptPlacement.AUTO_SCHEDULE) {
        await this.requests.transition(request.id, [RequestStatus.ACCEPTED], { awaitingSchedule: true }, em);
        changes.awaitingSchedule = true;
      } else {
        const thirdParty = request.thirdPartyStatus === ThirdPartyStatus.CONFIRMED ? request.thirdPartyId : null;
        const people = [request.toUserId, request.fromUserId, ...(thirdParty ? [thirdParty] : [])];
        const { slot, extraSlot } =
          placement === AcceptPlacement.SLOT
            ? await this.chosenSlot(session, slotId!, people, request.extraTime, em)
            : await this.earliestMutual(session, people, request.extraTime, em);
        placed = await this.placer
          .place(
            {
              sessionId: session.id,
              slot,
              extraSlot,
              hostId: request.toUserId,
              guestIds: [request.fromUserId],
              thirdPartyId: thirdParty,
              source: MeetingSource.REQUESTED,
              status: MeetingStatus.CONFIRMED,
              requestId: request.id,
              now,
            },
            em,
          )
          .catch(async (error: unknown) => {
            // Someone is busy then: the next slots in which everyone is free, with the error.
            throw await this.placer.explainBusy(error, actor.id, slot.id, em, async () => ({
              freeSlots: await this.nextMutual(session, people, em),
            }));
          });
        await this.requests.transition(request.id, [RequestStatus.ACCEPTED], { meetingId: placed.meeting.id }, em);
        changes.meetingId = placed.meeting.id;
      }
      const accepted = { ...request, ...changes };
      await this.changes.emit(
        { kind: 'accepted', request: accepted, meeting: placed?.meeting ?? null, people: placed?.people ?? [] },
        em,
      );
      return accepted;
    });
  }

  async decline(actor: Actor, requestId: string, reason: string | undefined): Promise<MeetingRequestEntity> {
    return this.db.write(async (em) => {
      const { request } = await this.pendingFor(actor, requestId, 'toUserId', RequestStatus.DECLINED, em);
      const changes = { status: RequestStatus.DECLINED, declineReason: reason ?? null, respondedAt: this.clock.now() };
      await this.move(request, changes, em);
      const declined = { ...request, ...changes };
      await this.changes.emit({ kind: 'declined', request: declined }, em);
      await this.endProposed(declined, REQUEST_DECLINED_REASON, em);
      return declined;
    });
  }

  async withdraw(actor: Actor, requestId: string): Promise<MeetingRequestEntity> {
    return this.db.write(async (em) => {
      const { request } = await this.pendingFor(actor, requestId, 'fromUserId', RequestStatus.WITHDRAWN, em);
      const changes = { status: RequestStatus.WITHDRAWN, respondedAt: this.clock.now() };
      await this.move(request, changes, em);
      const withdrawn = { ...request, ...changes };
      await this.endProposed(withdrawn, REQUEST_WITHDRAWN_REASON, em);
      return withdrawn;
    });
  }

  /** The invited third party's answer; confirming joins a meeting already made, if they are free. */
  async respondAsThirdParty(actor: Actor, requestId: string, accept: boolean): Promise<MeetingRequestEntity> {
    return this.db.write(async (em) => {
      const request = await this.requests.findById(requestId, em);
      if (!request || request.thirdPartyId !== actor.id) throw CommonError.notFound('MeetingRequest', requestId);
      const to = accept ? ThirdPartyStatus.CONFIRMED : ThirdPartyStatus.DECLINED;
      assertTransition('ThirdParty', THIRD_PARTY_TRANSITIONS, request.thirdPartyStatus!, to);
      if (![RequestStatus.PENDING, RequestStatus.ACCEPTED].includes(request.status)) {
        throw CommonError.invalidTransition('MeetingRequest', request.status, `third party ${to}`);
      }
      if (!(await this.requests.setThirdPartyStatus(request.id, ThirdPartyStatus.INVITED, to, em))) {
        throw CommonError.invalidTransition('ThirdParty', 'answered', to);
      }
      if (accept && request.meetingId) {
        const meeting = await this.meetings.lock(request.meetingId, em);
        if (meeting && [MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED].includes(meeting.status)) {
          await this.placer.addPerson(meeting, actor.id, ParticipantRole.THIRD_PARTY, em, {
            confirmedAt: this.clock.now(),
            now: this.clock.now(),
          });
        }
      }
      return { ...request, thirdPartyStatus: to };
    });
  }

  list(
    actor: Actor,
    direction: RequestDirection,
    filter: { sessionId?: string; status?: RequestStatus },
  ): Promise<MeetingRequestEntity[]> {
    return this.requests.list(actor.id, direction, filter);
  }

  async get(actor: Actor, requestId: string): Promise<MeetingRequestEntity> {
    const request = await this.requests.findById(requestId);
    const involved = request && [request.fromUserId, request.toUserId, request.thirdPartyId].includes(actor.id);
    if (!request || !involved) throw CommonError.notFound('MeetingRequest', requestId);
    return request;
  }

  /**
   * PENDING requests of sessions that have started, or past their session's expiry hours, expire (they never held a slot), and both
   * sides are told; a PROPOSED meeting the auto-schedule made for one is withdrawn with it.
   */
  async expireStarted(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (;;) {
      const batch = await this.db.write(async (em) => {
        const due = await this.requests.pendingStarted(now, EXPIRY_BATCH, em);
        for (const request of due) {
          const changes = { status: RequestStatus.EXPIRED, respondedAt: now };
          if (!(await this.requests.transition(request.id, [RequestStatus.PENDING], changes, em))) continue;
          const ended = { ...request, ...changes };
          await this.changes.emit({ kind: 'expired', request: ended }, em);
          await this.endProposed(ended, REQUEST_EXPIRED_REASON, em);
          expired++;
        }
        return due.length;
      });
      if (batch < EXPIRY_BATCH) return expired;
    }
  }

  /** A request that ended unanswered takes its sender out of the PROPOSED meeting made for it (with notice). */
  private async endProposed(request: MeetingRequestEntity, reason: string, em: EntityManager): Promise<void> {
    if (request.meetingId)
      await this.meetingsService.withdrawProposed(request.meetingId, request.fromUserId, reason, em);
  }

  /** Ends the pending requests of a cancelled session. */
  expireAllInSession(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    return this.requests.expireAllInSession(sessionId, now, em);
  }

  /** The chosen slot, and with extra time the next one: everyone available in both (free is decided when placed). */
  private async chosenSlot(
    session: ThemedSessionEntity,
    slotId: string,
    people: string[],
    extraTime: boolean,
    em: EntityManager,
  ): Promise<{ slot: SlotEntity; extraSlot: SlotEntity | null }> {
    const [slot] = await this.sessions.findSlots([slotId], em);
    if (!slot) throw CommonError.notFound('Slot', slotId);
    assertSlotBookable(slot, session, this.clock.now());
    await this.registrations.assertAvailable(session.id, slot.id, people, em);
    if (!extraTime) return { slot, extraSlot: null };
    const extraSlot = consecutiveSlot(await this.sessions.slotsOf([session.id], em), slot);
    if (!extraSlot) throw noConsecutiveSlot('NO_NEXT_SLOT', slot.id);
    await this.registrations.assertAvailable(session.id, extraSlot.id, people, em);
    return { slot, extraSlot };
  }

  /** Up to five slots, earliest first, in which everyone is available and free. */
  private async nextMutual(
    session: ThemedSessionEntity,
    people: string[],
    em: EntityManager,
  ): Promise<{ slotId: string; startsAt: string }[]> {
    const slots = await this.registrations.mutualFreeSlots(session, people, em);
    return slots.slice(0, 5).map((slot) => ({ slotId: slot.id, startsAt: slot.startsAt.toISOString() }));
  }

  /** The earliest slot in which everyone is available and free (with extra time: and in the next one too). */
  private async earliestMutual(
    session: ThemedSessionEntity,
    people: string[],
    extraTime: boolean,
    em: EntityManager,
  ): Promise<{ slot: SlotEntity; extraSlot: SlotEntity | null }> {
    const free = await this.registrations.mutualFreeSlots(session, people, em);
    const pairs = free.map((slot) => ({ slot, extraSlot: extraTime ? consecutiveSlot(free, slot) : null }));
    const first = pairs.find((pair) => !extraTime || pair.extraSlot);
    if (!first)
      throw new BookingError(
        BookingErrorCode.NO_MUTUAL_SLOT,
        'There is no slot in which you are all free; choose one or leave it to the schedule.',
      );
    return first;
  }

  private async pendingFor(
    actor: Actor,
    requestId: string,
    side: 'toUserId' | 'fromUserId',
    to: RequestStatus,
    em: EntityManager,
  ): Promise<{ request: MeetingRequestEntity; session: ThemedSessionEntity }> {
    const request = await this.requests.findById(requestId, em);
    const involved = request && [request.fromUserId, request.toUserId, request.thirdPartyId].includes(actor.id);
    if (!request || !involved) throw CommonError.notFound('MeetingRequest', requestId);
    if (request[side] !== actor.id) {
      throw new BookingError(
        BookingErrorCode.NOT_YOUR_REQUEST,
        side === 'toUserId'
          ? 'Only the receiver can answer this request.'
          : 'Only the sender can withdraw this request.',
      );
    }
    assertTransition('MeetingRequest', REQUEST_TRANSITIONS, request.status, to);
    const session = await this.sessions.require(request.sessionId, em);
    if (session.startsAt.getTime() <= this.clock.now().getTime()) {
      throw new BookingError(BookingErrorCode.REQUEST_EXPIRED, 'This request expired when the session started.');
    }
    if (request.expiresAt && request.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new BookingError(
        BookingErrorCode.REQUEST_EXPIRED,
        'This request stayed unanswered for too long and expired.',
      );
    }
    assertSessionOpen(session);
    return { request, session };
  }

  private async move(
    request: MeetingRequestEntity,
    changes: Partial<MeetingRequestEntity> & { status: RequestStatus },
    em: EntityManager,
  ): Promise<void> {
    if (!(await this.requests.transition(request.id, sourcesOf(REQUEST_TRANSITIONS, changes.status), changes, em))) {
      throw CommonError.invalidTransition('MeetingRequest', request.status, changes.status);
    }
  }

  /** The session's cap on a person's requests waiting for an answer (the sender's requests are counted with the session locked). */
  private async assertUnderCap(sessionId: string, cap: number, userId: string, em: EntityManager): Promise<void> {
    const waiting = await this.requests.lockAndCountPendingFrom(sessionId, userId, em);
    if (waiting >= cap)
      throw new BookingError(
        BookingErrorCode.REQUEST_CAP_REACHED,
        `You have ${waiting} requests waiting for an answer in this session, the most it allows.`,
        { cap },
      );
  }

  private async requestableSession(actor: Actor, sessionId: string, em: EntityManager): Promise<ThemedSessionEntity> {
    const session = await this.sessions.require(sessionId, em);
    if (!this.sessions.canSee(actor, session)) throw CommonError.notFound('ThemedSession', sessionId);
    assertSessionOpen(session);
    if (session.startsAt.getTime() <= this.clock.now().getTime()) {
      throw new BookingError(
        BookingErrorCode.REQUESTS_CLOSED,
        'Requests close when the session starts; book a free slot instead.',
      );
    }
    return session;
  }

  /** PENDING requests created in [from, to), for the notifications' 48-hour nudge. */
  pendingCreatedBetween(from: Date, to: Date, limit: number): Promise<MeetingRequestEntity[]> {
    return this.requests.pendingCreatedBetween(from, to, limit);
  }

  // ---- for the auto-scheduler -------------------------------------------------------------------

  peopleInDeclined(sessionId: string): Promise<Set<string>> {
    return this.requests.peopleInDeclined(sessionId);
  }

  openInSession(sessionId: string, em?: EntityManager): Promise<MeetingRequestEntity[]> {
    return this.requests.openInSession(sessionId, em);
  }

  markScheduled(requestId: string, meetingId: string, em: EntityManager): Promise<boolean> {
    return this.requests.markScheduled(requestId, meetingId, em);
  }
}
