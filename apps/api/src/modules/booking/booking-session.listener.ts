import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionChangeListener, SessionChangeListeners } from '../events/session-change-listener';
import { MeetingsRepository } from './meetings.repository';
import { OffersRepository } from './offers.repository';
import { RequestsService } from './requests.service';

/** Keeps meetings, offers and requests consistent when an organiser changes a session. */
@Injectable()
export class BookingSessionListener implements SessionChangeListener, OnModuleInit {
  constructor(
    private readonly listeners: SessionChangeListeners,
    private readonly meetings: MeetingsRepository,
    private readonly offers: OffersRepository,
    private readonly requests: RequestsService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  slotsInUse(slotIds: string[], em: EntityManager): Promise<string[]> {
    return this.meetings.slotsInUse(slotIds, em);
  }

  async slotsRemoved(slotIds: string[], em: EntityManager): Promise<void> {
    await this.meetings.deleteForSlots(slotIds, em);
    await this.offers.deleteForSlots(slotIds, em);
  }

  sessionMoved(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    return this.meetings.realignTimes(sessionId, now, em);
  }

  async sessionCancelled(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    await this.meetings.cancelAllInSession(sessionId, 'SESSION_CANCELLED', now, em);
    await this.requests.expireAllInSession(sessionId, now, em);
  }
}
