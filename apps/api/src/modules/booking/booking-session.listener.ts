import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionChangeListener, SessionChangeListeners } from '../events/session-change-listener';
import { MeetingStatus } from './booking.enums';
import { BookingLive } from './booking-live';
import { MeetingChangeListeners, SESSION_CANCELLED } from './meeting-change-listener';
import { MeetingsRepository } from './meetings.repository';
import { OffersRepository } from './offers.repository';
import { RequestsService } from './requests.service';
import { WaitingListService } from './waiting-list.service';

/** Keeps meetings, offers and requests consistent when an organiser changes a session. */
@Injectable()
export class BookingSessionListener implements SessionChangeListener, OnModuleInit {
  constructor(
    private readonly listeners: SessionChangeListeners,
    private readonly meetings: MeetingsRepository,
    private readonly offers: OffersRepository,
    private readonly requests: RequestsService,
    private readonly changes: MeetingChangeListeners,
    private readonly live: BookingLive,
    private readonly waitingList: WaitingListService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** A higher cap (or none) registers the first on the waiting list at once. */
  registrationCapChanged(sessionId: string, em: EntityManager): Promise<void> {
    return this.waitingList.promote(sessionId, em);
  }

  slotsInUse(slotIds: string[], em: EntityManager): Promise<string[]> {
    return this.meetings.slotsInUse(slotIds, em);
  }

  async slotsRemoved(slotIds: string[], em: EntityManager): Promise<void> {
    await this.meetings.deleteForSlots(slotIds, em);
    await this.offers.deleteForSlots(slotIds, em);
  }

  /** Meetings follow their slots; everyone in one that moved is told (same UID, higher SEQUENCE). */
  async sessionMoved(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    const before = await this.meetings.liveInSession(sessionId, em);
    await this.meetings.realignTimes(sessionId, now, em);
    const after = new Map(
      (await this.meetings.liveInSession(sessionId, em)).map((live) => [live.meeting.id, live.meeting]),
    );
    for (const { meeting: previous, participants } of before) {
      const moved = after.get(previous.id);
      if (
        !moved ||
        (moved.startsAt.getTime() === previous.startsAt.getTime() &&
          moved.endsAt.getTime() === previous.endsAt.getTime())
      )
        continue;
      const people = participants.map((p) => ({ userId: p.userId, role: p.role }));
      await this.changes.emit({ kind: 'rescheduled', meeting: moved, previous, people, byUserId: null }, em);
    }
  }

  /** Removed slots were free (slotsInUse) and went through slotsRemoved; no meeting moves. */
  async sessionEndChanged(): Promise<void> {}

  async sessionCancelled(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    const cancellable = (await this.meetings.liveInSession(sessionId, em)).filter(
      ({ meeting }) => meeting.status === MeetingStatus.PROPOSED || meeting.status === MeetingStatus.CONFIRMED,
    );
    await this.meetings.cancelAllInSession(sessionId, SESSION_CANCELLED, now, em);
    this.live.slotsChanged(
      sessionId,
      cancellable.map(({ meeting }) => meeting.slotId),
      em,
    );
    await this.requests.expireAllInSession(sessionId, now, em);
    for (const { meeting, participants } of cancellable) {
      const cancelled = {
        ...meeting,
        status: MeetingStatus.CANCELLED,
        cancelReason: SESSION_CANCELLED,
        sequence: meeting.sequence + 1,
        updatedAt: now,
      };
      const people = participants.map((p) => ({ userId: p.userId, role: p.role }));
      await this.changes.emit(
        { kind: 'cancelled', meeting: cancelled, people, byUserId: null, reason: SESSION_CANCELLED },
        em,
      );
    }
  }
}
