import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { OPEN_FOR_BOOKING } from '../events/session-transitions';
import { SessionsService } from '../events/sessions.service';
import { RegistrationRole, WaitingListStatus } from './booking.enums';
import { BookingError, BookingErrorCode } from './booking.errors';
import { WaitingListEntryEntity } from './entities/waiting-list-entry.entity';
import { MeetingChangeListeners } from './meeting-change-listener';
import { RegistrationsRepository } from './registrations.repository';
import { WaitingListRepository } from './waiting-list.repository';

/** A waiting person's place: 1 = next to get one. */
export interface WaitingPlace {
  entry: WaitingListEntryEntity;
  position: number;
}

/**
 * Registration caps with a waiting list (docs/standby-and-reoptimisation.md#registration-caps):
 * a capped session takes guests up to its cap; beyond it people wait in line, and whenever a
 * guest place frees (someone leaves the session, changes to host, closes their account) or the
 * cap rises, the first in line are registered in the same transaction and told by e-mail. The
 * session's row is locked while counting, so two registrations cannot take one last place.
 */
@Injectable()
export class WaitingListService {
  constructor(
    private readonly db: Database,
    private readonly waitingList: WaitingListRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly sessions: SessionsService,
    private readonly changes: MeetingChangeListeners,
    private readonly clock: Clock,
  ) {}

  /** SESSION_FULL when a capped session has no guest place left. */
  async assertPlace(session: ThemedSessionEntity, em: EntityManager): Promise<void> {
    if (!(await this.isFull(session, em))) return;
    throw new BookingError(
      BookingErrorCode.SESSION_FULL,
      'Every place in this session is taken: join its waiting list to get the next one.',
      { cap: session.registrationCap! },
    );
  }

  async isFull(session: ThemedSessionEntity, em: EntityManager): Promise<boolean> {
    if (session.registrationCap === null) return false;
    await this.waitingList.lockSession(session.id, em);
    return (await this.waitingList.guestCount(session.id, em)) >= session.registrationCap;
  }

  /** Joins the end of a full session's line (inside the caller's transaction; joining twice keeps one's place). */
  async join(session: ThemedSessionEntity, userId: string, slotIds: string[], em: EntityManager): Promise<void> {
    if (!(await this.isFull(session, em)))
      throw new BookingError(BookingErrorCode.SESSION_HAS_PLACES, 'The session has a place: register for it.');
    const now = this.clock.now();
    await this.waitingList.insertIfAbsent(
      {
        id: randomUUID(),
        sessionId: session.id,
        userId,
        availableSlotIds: slotIds,
        status: WaitingListStatus.WAITING,
        createdAt: now,
        updatedAt: now,
      },
      em,
    );
  }

  async leave(actor: Actor, sessionId: string): Promise<void> {
    await this.db.write(async (em) => {
      const entry = await this.waitingList.waiting(sessionId, actor.id, em);
      if (!entry || !(await this.waitingList.finish(entry.id, WaitingListStatus.LEFT, this.clock.now(), em)))
        throw new BookingError(BookingErrorCode.NOT_ON_WAITING_LIST, 'You are not on this session’s waiting list.', {
          sessionId,
        });
    });
  }

  async place(sessionId: string, userId: string): Promise<WaitingPlace | null> {
    const entry = await this.waitingList.waiting(sessionId, userId);
    return entry ? { entry, position: await this.waitingList.position(entry) } : null;
  }

  /** Guest places left, or null when the session has no cap. */
  async placesLeft(session: { id: string; registrationCap: number | null }): Promise<number | null> {
    if (session.registrationCap === null) return null;
    return Math.max(0, session.registrationCap - (await this.waitingList.guestCount(session.id, this.db.manager)));
  }

  /** Registers the first in line while the session has places (all of them when it has no cap any more). */
  async promote(sessionId: string, em: EntityManager): Promise<void> {
    const session = await this.sessions.require(sessionId, em);
    if (!OPEN_FOR_BOOKING.includes(session.status)) return;
    await this.waitingList.lockSession(sessionId, em);
    const free =
      session.registrationCap === null
        ? Number.MAX_SAFE_INTEGER
        : session.registrationCap - (await this.waitingList.guestCount(sessionId, em));
    if (free <= 0) return;
    // Most sessions have nobody waiting: their slots are not read.
    const entries = await this.waitingList.next(sessionId, Math.min(free, 1000), em);
    if (entries.length === 0) return;
    const slots = new Set(
      (await this.sessions.slotsOf([sessionId], em)).filter((slot) => !slot.isBreak).map((slot) => slot.id),
    );
    const now = this.clock.now();
    for (const entry of entries) {
      const registered = await this.registrations.find(sessionId, entry.userId, em);
      await this.waitingList.finish(entry.id, registered ? WaitingListStatus.LEFT : WaitingListStatus.PLACED, now, em);
      if (registered) continue;
      const registration = {
        id: randomUUID(),
        sessionId,
        userId: entry.userId,
        role: RegistrationRole.GUEST,
        createdAt: now,
      };
      await this.registrations.insert(registration, em);
      await this.registrations.replaceAvailability(
        registration.id,
        entry.availableSlotIds.filter((id) => slots.has(id)),
        em,
      );
      await this.changes.emit({ kind: 'waitingListPlaced', entry }, em);
    }
  }

  /** The capped sessions the user is a guest in: erasure reads them before it deletes the registrations, then promotes in each. */
  async cappedSessionsOf(userId: string, em: EntityManager): Promise<string[]> {
    return this.waitingList.cappedSessionsOf(userId, em);
  }
}
