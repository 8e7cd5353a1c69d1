import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Ticker } from '../../core/clock/ticker';
import { Database } from '../../core/database/database';
import { SessionsService } from '../events/sessions.service';
import { BookingLive } from './booking-live';
import { StandbyStatus } from './booking.enums';
import { BookingError, BookingErrorCode } from './booking.errors';
import { MeetingEntity } from './entities/meeting.entity';
import { StandbyEntryEntity } from './entities/standby-entry.entity';
import {
  MeetingChange,
  MeetingChangeListener,
  MeetingChangeListeners,
  SESSION_CANCELLED,
} from './meeting-change-listener';
import { MeetingsService } from './meetings.service';
import { OffersRepository } from './offers.repository';
import { StandbyPlaceRow, StandbyRepository } from './standby.repository';

/** How long a freed seat is held for the person it is offered to (never past the slot's start). */
export const STANDBY_CLAIM_WINDOW_MS = 60 * 60_000;
const LAPSE_BATCH = 200;

/**
 * Standby lists on full offers. A seat that frees (a guest leaves or cancels, a meeting is
 * cancelled or moved away) is held for the first WAITING person until the claim window closes;
 * they are told by e-mail and live update. Unclaimed, the Ticker (the API's clock) moves it on to
 * the next. A claim is a booking in the same transaction as the place's CLAIMED, so the database
 * decides races as for any booking, and a held seat is not free to anyone else (MeetingsService.seat).
 */
@Injectable()
export class StandbyService implements MeetingChangeListener, OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly standby: StandbyRepository,
    private readonly offers: OffersRepository,
    private readonly meetings: MeetingsService,
    private readonly sessions: SessionsService,
    private readonly changes: MeetingChangeListeners,
    private readonly live: BookingLive,
    private readonly clock: Clock,
    private readonly ticker: Ticker,
  ) {}

  onModuleInit(): void {
    this.changes.register(this);
    this.ticker.register('standby: unclaimed seats move on', () => this.moveOnLapsed());
  }

  /** Rule: registered for the offer's session, not its host, not seated in it, and the offer full for you. Joining twice keeps your place. */
  async join(actor: Actor, offerId: string): Promise<StandbyPlaceRow> {
    await this.db.write(async (em) => {
      const { offer, now } = await this.meetings.bookableOffer(actor, offerId, em);
      if (await this.offers.isSeated(offer.id, actor.id, em))
        throw new BookingError(BookingErrorCode.ALREADY_BOOKED, 'You already have a seat in this meeting.');
      const taken =
        (await this.offers.guestsSeated(offer.id, em)) + (await this.standby.held(offer.id, now, em, actor.id));
      if (taken < offer.seats)
        throw new BookingError(BookingErrorCode.OFFER_HAS_SEATS, 'A seat is free: book it instead.', { offerId });
      await this.standby.insertIfAbsent(
        {
          id: randomUUID(),
          offerId,
          sessionId: offer.sessionId,
          userId: actor.id,
          status: StandbyStatus.WAITING,
          createdAt: now,
          offeredAt: null,
          claimUntil: null,
          updatedAt: now,
        },
        em,
      );
    });
    return (await this.standby.place(offerId, actor.id))!;
  }

  /** Leaves the line; a seat held for you goes to the next. NOT_ON_STANDBY when you were not on it. */
  async leave(actor: Actor, offerId: string): Promise<void> {
    await this.db.write(async (em) => {
      const entry = await this.standby.findLive(offerId, actor.id, em);
      if (
        !entry ||
        !(await this.standby.transition(
          entry.id,
          [entry.status],
          { status: StandbyStatus.LEFT, updatedAt: this.clock.now() },
          em,
        ))
      ) {
        throw new BookingError(BookingErrorCode.NOT_ON_STANDBY, 'You are not on this standby list.', { offerId });
      }
      if (entry.status === StandbyStatus.OFFERED) await this.offerFreedSeats(offerId, em);
    });
  }

  /**
   * Takes the seat held for you: STANDBY_NOT_OFFERED when none is (or you claimed it already),
   * STANDBY_CLAIM_EXPIRED once the window has closed. Many claims at once give one meeting: the
   * first to change the place to CLAIMED books; the others find it claimed.
   */
  async claim(actor: Actor, offerId: string): Promise<MeetingEntity> {
    return this.db.write(async (em) => {
      const now = this.clock.now();
      const entry = await this.standby.findLive(offerId, actor.id, em);
      if (entry?.status === StandbyStatus.OFFERED && entry.claimUntil && entry.claimUntil.getTime() <= now.getTime()) {
        throw new BookingError(BookingErrorCode.STANDBY_CLAIM_EXPIRED, 'The time to claim this seat has passed.', {
          offerId,
        });
      }
      if (
        !entry ||
        !(await this.standby.transition(
          entry.id,
          [StandbyStatus.OFFERED],
          { status: StandbyStatus.CLAIMED, updatedAt: now },
          em,
        ))
      ) {
        throw new BookingError(BookingErrorCode.STANDBY_NOT_OFFERED, 'No seat is being offered to you here.', {
          offerId,
        });
      }
      return this.meetings.bookIn(actor, offerId, em);
    });
  }

  /** The caller's live places in a session (WAITING or OFFERED), with their positions. */
  mine(actor: Actor, sessionId: string): Promise<StandbyPlaceRow[]> {
    return this.standby.placesOf(actor.id, sessionId);
  }

  place(actor: Actor, offerId: string): Promise<StandbyPlaceRow | null> {
    return this.standby.place(offerId, actor.id);
  }

  /** Seats freed by a change (or added by the host) are offered to standby, in the change's own transaction. */
  async meetingChanged(change: MeetingChange, em: EntityManager): Promise<void> {
    if (change.kind === 'seatsAdded') return this.offerFreedSeats(change.offer.id, em);
    const freed =
      change.kind === 'left' || (change.kind === 'cancelled' && change.reason !== SESSION_CANCELLED)
        ? change.meeting.offerId
        : change.kind === 'rescheduled' && change.previous.id !== change.meeting.id
          ? change.previous.offerId
          : null;
    const waiting = change.kind === 'left' || change.kind === 'cancelled' ? change.standbyWaiting : undefined;
    if (freed && waiting !== false) await this.offerFreedSeats(freed, em);
  }

  /**
   * Holds each free seat of the offer for the next WAITING person, until the claim window closes
   * (at most the slot's start). The offer's row is locked so two changes cannot offer one seat twice.
   */
  async offerFreedSeats(offerId: string, em: EntityManager): Promise<void> {
    // Most offers have nobody waiting: one indexed read, instead of the lock and the seat counts,
    // keeps the cancel path as short as it was before standby lists.
    if ((await this.standby.nextWaiting(offerId, 1, em)).length === 0) return;
    const offer = await this.offers.lockLive(offerId, em);
    if (!offer) return;
    const { slot } = await this.sessions.requireSlot(offer.sessionId, offer.slotId, em);
    const now = this.clock.now();
    if (slot.startsAt.getTime() <= now.getTime()) return;
    const free =
      offer.seats - (await this.offers.guestsSeated(offerId, em)) - (await this.standby.held(offerId, now, em));
    if (free <= 0) return;
    const claimUntil = new Date(Math.min(now.getTime() + STANDBY_CLAIM_WINDOW_MS, slot.startsAt.getTime()));
    let offered = 0;
    for (const entry of await this.standby.nextWaiting(offerId, free, em)) {
      const changes = { status: StandbyStatus.OFFERED, offeredAt: now, claimUntil, updatedAt: now };
      if (!(await this.standby.transition(entry.id, [StandbyStatus.WAITING], changes, em))) continue;
      const held: StandbyEntryEntity = { ...entry, ...changes };
      await this.changes.emit({ kind: 'standbyOffered', entry: held, offer, slot }, em);
      this.live.standbyOffered(held, em);
      offered++;
    }
    if (offered > 0) this.live.slotsChanged(offer.sessionId, [offer.slotId], em);
  }

  /** The Ticker's job: lines of started slots end; each lapsed claim window passes its seat on. */
  async moveOnLapsed(): Promise<number> {
    const now = this.clock.now();
    await this.standby.expireStarted(now);
    let moved = 0;
    for (;;) {
      const lapsed = await this.standby.lapsed(now, LAPSE_BATCH);
      for (const entry of lapsed) {
        await this.db.write(async (em) => {
          if (
            !(await this.standby.transition(
              entry.id,
              [StandbyStatus.OFFERED],
              { status: StandbyStatus.EXPIRED, updatedAt: now },
              em,
            ))
          )
            return;
          await this.offerFreedSeats(entry.offerId, em);
          moved++;
        });
      }
      if (lapsed.length < LAPSE_BATCH) return moved;
    }
  }
}
