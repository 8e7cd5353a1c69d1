import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, hasRole, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database, isUniqueViolation } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { SlotEntity } from '../events/entities/slot.entity';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { SessionsService } from '../events/sessions.service';
import { RegistrationRole } from './booking.enums';
import { BookingError, BookingErrorCode } from './booking.errors';
import { BookingLive } from './booking-live';
import { assertSessionOpen, assertSlotBookable, notRegistered, participantBusy } from './booking-rules';
import { OfferEntity } from './entities/offer.entity';
import { RegistrationEntity } from './entities/registration.entity';
import { MeetingChangeListeners } from './meeting-change-listener';
import { MeetingsRepository } from './meetings.repository';
import { OfferAvailability, OffersRepository } from './offers.repository';
import { RegistrationsRepository } from './registrations.repository';
import { WaitingListService } from './waiting-list.service';

const HOST_ROLES = [Role.PRACTITIONER, Role.COMMISSIONER, Role.LINK_WORKER];

function assertMayTake(actor: Actor, role: RegistrationRole): void {
  if (role === RegistrationRole.HOST && !hasRole(actor, ...HOST_ROLES)) {
    throw new BookingError(
      BookingErrorCode.HOST_ROLE_REQUIRED,
      'Hosting is for practitioners, commissioners and link workers.',
    );
  }
}

/** Who takes part in a session, when they are free, and which slots hosts offer. */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly db: Database,
    private readonly registrations: RegistrationsRepository,
    private readonly offers: OffersRepository,
    private readonly meetings: MeetingsRepository,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly live: BookingLive,
    private readonly waitingList: WaitingListService,
    private readonly changes: MeetingChangeListeners,
  ) {}

  /** Which of these people registered for a session the organiser runs (whose contact they may see). */
  registeredWithOrganiser(organiserId: string, userIds: readonly string[]): Promise<string[]> {
    return this.registrations.registeredWithOrganiser(organiserId, userIds);
  }

  async register(
    actor: Actor,
    sessionId: string,
    role: RegistrationRole,
    slotIndexes: number[] | undefined,
  ): Promise<RegistrationEntity> {
    assertMayTake(actor, role);
    return this.db.write(async (em) => {
      const session = await this.openSession(actor, sessionId, em);
      const slots = await this.sessions.slotsOf([session.id], em);
      const registration: RegistrationEntity = {
        id: randomUUID(),
        sessionId,
        userId: actor.id,
        role,
        createdAt: this.clock.now(),
      };
      if (await this.registrations.find(sessionId, actor.id, em)) throw this.alreadyRegistered();
      if (role === RegistrationRole.GUEST) await this.waitingList.assertPlace(session, em);
      try {
        await this.registrations.insert(registration, em);
      } catch (error) {
        throw isUniqueViolation(error) ? this.alreadyRegistered() : error;
      }
      await this.registrations.replaceAvailability(
        registration.id,
        this.availableSlots(slots, slotIndexes).map((s) => s.id),
        em,
      );
      return registration;
    });
  }

  async updateRegistration(
    actor: Actor,
    sessionId: string,
    changes: { role?: RegistrationRole; slotIndexes?: number[] },
  ): Promise<RegistrationEntity> {
    if (changes.role) assertMayTake(actor, changes.role);
    return this.db.write(async (em) => {
      const session = await this.openSession(actor, sessionId, em);
      const registration = await this.requireRegistration(session.id, actor.id, em);
      if (changes.role && changes.role !== registration.role) {
        if (changes.role === RegistrationRole.GUEST) await this.waitingList.assertPlace(session, em);
        await this.registrations.updateRole(registration.id, changes.role, em);
        if (registration.role === RegistrationRole.GUEST) await this.waitingList.promote(session.id, em);
      }
      if (changes.slotIndexes) {
        const slots = await this.sessions.slotsOf([session.id], em);
        await this.registrations.replaceAvailability(
          registration.id,
          this.availableSlots(slots, changes.slotIndexes).map((s) => s.id),
          em,
        );
      }
      return { ...registration, role: changes.role ?? registration.role };
    });
  }

  /** Joins a full session's waiting list as a guest, with the slots they are free in (kept for when they get a place). */
  async joinWaitingList(actor: Actor, sessionId: string, slotIndexes: number[] | undefined): Promise<void> {
    assertMayTake(actor, RegistrationRole.GUEST);
    await this.db.write(async (em) => {
      const session = await this.openSession(actor, sessionId, em);
      if (await this.registrations.find(sessionId, actor.id, em)) throw this.alreadyRegistered();
      const slots = await this.sessions.slotsOf([session.id], em);
      await this.waitingList.join(
        session,
        actor.id,
        this.availableSlots(slots, slotIndexes).map((s) => s.id),
        em,
      );
    });
  }

  /** Opens slots for booking with `seats` seats each (1 = one-to-one). Re-offering changes the seats. */
  async offerSlots(actor: Actor, sessionId: string, slotIndexes: number[], seats: number): Promise<OfferEntity[]> {
    return this.db.write(async (em) => {
      const session = await this.openSession(actor, sessionId, em);
      const registration = await this.requireRegistration(session.id, actor.id, em);
      if (registration.role !== RegistrationRole.HOST) {
        throw new BookingError(BookingErrorCode.NOT_A_HOST, 'Register as a host to offer slots.');
      }
      const slots = this.slotsByIndex(await this.sessions.slotsOf([session.id], em), slotIndexes);
      const now = this.clock.now();
      const result: OfferEntity[] = [];
      for (const slot of slots) {
        assertSlotBookable(slot, session, now);
        const existing = await this.offers.findLiveForHostSlot(actor.id, slot.id, em);
        if (existing) {
          result.push(await this.changeSeats(existing, seats, em));
          continue;
        }
        if (await this.meetings.isBusy(actor.id, slot.id, em)) throw participantBusy([actor.id]);
        const offer: OfferEntity = {
          id: randomUUID(),
          sessionId,
          slotId: slot.id,
          hostId: actor.id,
          seats,
          createdAt: now,
          withdrawnAt: null,
        };
        await this.offers.insert(offer, em);
        result.push(offer);
      }
      await this.registrations.addAvailability(
        registration.id,
        slots.map((s) => s.id),
        em,
      );
      this.live.slotsChanged(
        session.id,
        slots.map((s) => s.id),
        em,
      );
      return result;
    });
  }

  async withdrawOffer(actor: Actor, offerId: string): Promise<OfferEntity> {
    return this.db.write(async (em) => {
      const offer = await this.offers.findLive(offerId, em);
      if (!offer || offer.hostId !== actor.id) throw CommonError.notFound('Offer', offerId);
      if (await this.meetings.findLiveForOffer(offer.id, em)) {
        throw new BookingError(
          BookingErrorCode.OFFER_HAS_BOOKINGS,
          'This slot has bookings; cancel the meeting first.',
          { offerId },
        );
      }
      const now = this.clock.now();
      await this.offers.withdraw(offer.id, now, em);
      this.live.slotsChanged(offer.sessionId, [offer.slotId], em);
      return { ...offer, withdrawnAt: now };
    });
  }

  listOffers(sessionId: string, hostId?: string): Promise<OfferAvailability[]> {
    return this.offers.listWithUse(sessionId, this.clock.now(), hostId);
  }

  /** The live offers in some slots of a session, with their use (a live update of sessionOffers). */
  async listOffersInSlots(sessionId: string, slotIds: string[]): Promise<OfferAvailability[]> {
    const wanted = new Set(slotIds);
    return (await this.offers.listWithUse(sessionId, this.clock.now())).filter(({ offer }) => wanted.has(offer.slotId));
  }

  listForSession(
    sessionId: string,
    filter: { role?: RegistrationRole; search?: string },
  ): Promise<RegistrationEntity[]> {
    return this.registrations.listForSession(sessionId, filter);
  }

  /** Everyone registered for a session (matching needs all of them; the directory pages; the e-mails when it changes, in its transaction). */
  allForSession(sessionId: string, em?: EntityManager): Promise<RegistrationEntity[]> {
    return this.registrations.allForSession(sessionId, em);
  }

  find(sessionId: string, userId: string): Promise<RegistrationEntity | null> {
    return this.registrations.find(sessionId, userId);
  }

  async availableSlotIds(registrationIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.registrations.availabilityOf(registrationIds);
    const map = new Map<string, string[]>(registrationIds.map((id) => [id, []]));
    for (const row of rows) map.get(row.registrationId)?.push(row.slotId);
    return map;
  }

  /** See RegistrationsRepository.removeFromSession; the caller has taken the person out of their meetings first. */
  removeFromSession(sessionId: string, userId: string, em: EntityManager): Promise<string[]> {
    return this.registrations.removeFromSession(sessionId, userId, this.clock.now(), em);
  }

  async requireRegistration(sessionId: string, userId: string, em: EntityManager): Promise<RegistrationEntity> {
    const registration = await this.registrations.find(sessionId, userId, em);
    if (!registration) throw notRegistered(sessionId, userId);
    return registration;
  }

  /** Everyone in `userIds` is registered and has said they are free in the slot (a host's offer counts). */
  async assertAvailable(sessionId: string, slotId: string, userIds: string[], em: EntityManager): Promise<void> {
    const registrations = await this.registrations.findMany(sessionId, userIds, em);
    const missing = userIds.filter((id) => !registrations.some((r) => r.userId === id));
    if (missing.length > 0)
      throw new BookingError(
        BookingErrorCode.NOT_REGISTERED,
        'Everyone in a meeting must be registered for the session.',
        { userIds: missing },
      );
    const availability = await this.registrations.availabilityOf(
      registrations.map((r) => r.id),
      em,
    );
    const offerHolders = new Set((await this.offers.liveForSlots([slotId], em)).map((o) => o.hostId));
    const unavailable = registrations
      .filter(
        (r) =>
          !offerHolders.has(r.userId) && !availability.some((a) => a.registrationId === r.id && a.slotId === slotId),
      )
      .map((r) => r.userId);
    if (unavailable.length > 0) {
      throw new BookingError(BookingErrorCode.NOT_AVAILABLE, 'Someone in this meeting is not available in that slot.', {
        userIds: unavailable,
      });
    }
  }

  /** Slots in which every one of `userIds` is available and none is held by another meeting, earliest first. */
  async mutualFreeSlots(session: ThemedSessionEntity, userIds: string[], em: EntityManager): Promise<SlotEntity[]> {
    const registrations = await this.registrations.findMany(session.id, userIds, em);
    if (registrations.length < userIds.length) return [];
    const availability = await this.registrations.availabilityOf(
      registrations.map((r) => r.id),
      em,
    );
    const busy = await this.meetings.busySlots(session.id, userIds, em);
    const now = this.clock.now().getTime();
    const slots = await this.sessions.slotsOf([session.id], em);
    return slots.filter(
      (slot) =>
        !slot.isBreak &&
        slot.startsAt.getTime() > now &&
        !busy.has(slot.id) &&
        registrations.every((r) => availability.some((a) => a.registrationId === r.id && a.slotId === slot.id)),
    );
  }

  private async changeSeats(offer: OfferEntity, seats: number, em: EntityManager): Promise<OfferEntity> {
    if (offer.seats === seats) return offer;
    const meeting = await this.meetings.findLiveForOffer(offer.id, em);
    const guests = meeting
      ? (await this.meetings.activeParticipants(meeting.id, em)).filter((p) => p.seatNo !== null)
      : [];
    const highestSeat = Math.max(0, ...guests.map((g) => g.seatNo ?? 0));
    if (highestSeat > seats) {
      throw new BookingError(
        BookingErrorCode.SEATS_BELOW_BOOKED,
        `Seat ${highestSeat} is booked; the slot cannot have fewer seats.`,
        { booked: guests.length },
      );
    }
    await em.update(OfferEntity, { id: offer.id }, { seats });
    const changed = { ...offer, seats };
    // New seats go to the offer's standby list first, like freed ones.
    if (seats > offer.seats) await this.changes.emit({ kind: 'seatsAdded', offer: changed }, em);
    return changed;
  }

  private async openSession(actor: Actor, sessionId: string, em: EntityManager): Promise<ThemedSessionEntity> {
    const session = await this.sessions.require(sessionId, em);
    if (!this.sessions.canSee(actor, session)) throw CommonError.notFound('ThemedSession', sessionId);
    assertSessionOpen(session);
    return session;
  }

  private availableSlots(slots: SlotEntity[], indexes: number[] | undefined): SlotEntity[] {
    const chosen = indexes === undefined ? slots : this.slotsByIndex(slots, indexes);
    return chosen.filter((slot) => !slot.isBreak);
  }

  private slotsByIndex(slots: SlotEntity[], indexes: number[]): SlotEntity[] {
    const unknown = indexes.filter((index) => !slots.some((slot) => slot.idx === index));
    if (unknown.length > 0)
      throw CommonError.badInput(`The session has no slot ${unknown.join(', ')}.`, {
        slotIndexes: unknown.map(String),
      });
    return slots.filter((slot) => indexes.includes(slot.idx));
  }

  private alreadyRegistered(): BookingError {
    return new BookingError(BookingErrorCode.ALREADY_REGISTERED, 'You are already registered for this session.');
  }

  /** A host's live offer in a slot, for the auto-scheduler's publishing (inside its transaction). */
  liveOfferOf(hostId: string, slotId: string, em: EntityManager): Promise<OfferEntity | null> {
    return this.offers.findLiveForHostSlot(hostId, slotId, em);
  }
}
