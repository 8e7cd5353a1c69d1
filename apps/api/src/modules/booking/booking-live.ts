import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { LiveEvents } from '../../core/realtime/live-events';
import { MeetingRequestEntity } from './entities/meeting-request.entity';

/** What subscribers of one session's slots hear: seats in these slots may have changed. */
export interface SlotsChangedEvent {
  sessionId: string;
  slotIds: string[];
}

/** What a user hears of a meeting request addressed to them (as receiver or invited third party). */
export interface RequestReceivedEvent {
  requestId: string;
}

/** What a user hears when a freed seat is held for them from a standby list. */
export interface StandbyOfferedEvent {
  offerId: string;
}

export const BookingTopics = {
  standbyFor: (userId: string) => `standby:${userId}`,
  slots: (sessionId: string) => `slots:${sessionId}`,
  requestsFor: (userId: string) => `requests:${userId}`,
};

/**
 * Booking's live-update events. Every write that takes or frees a seat, or opens, resizes or
 * withdraws an offer, reports its slots here; subscribers hear once per session per transaction,
 * after it commits (an auto-schedule placing fifty meetings is one event).
 */
@Injectable()
export class BookingLive {
  private readonly changedSlots = new WeakMap<EntityManager, Map<string, Set<string>>>();

  constructor(
    private readonly live: LiveEvents,
    private readonly db: Database,
  ) {}

  slotsChanged(sessionId: string, slotIds: string[], em: EntityManager): void {
    let sessions = this.changedSlots.get(em);
    if (!sessions) {
      const pending = new Map<string, Set<string>>();
      this.changedSlots.set(em, pending);
      this.db.afterCommit(em, () => {
        for (const [id, slots] of pending)
          this.live.publish(BookingTopics.slots(id), {
            sessionId: id,
            slotIds: [...slots],
          } satisfies SlotsChangedEvent);
      });
      sessions = pending;
    }
    const slots = sessions.get(sessionId) ?? new Set<string>();
    for (const slotId of slotIds) slots.add(slotId);
    sessions.set(sessionId, slots);
  }

  standbyOffered(entry: { offerId: string; userId: string }, em: EntityManager): void {
    this.live.afterCommit(em, BookingTopics.standbyFor(entry.userId), {
      offerId: entry.offerId,
    } satisfies StandbyOfferedEvent);
  }

  requestSent(request: MeetingRequestEntity, em: EntityManager): void {
    const event: RequestReceivedEvent = { requestId: request.id };
    this.live.afterCommit(em, BookingTopics.requestsFor(request.toUserId), event);
    if (request.thirdPartyId) this.live.afterCommit(em, BookingTopics.requestsFor(request.thirdPartyId), event);
  }
}
