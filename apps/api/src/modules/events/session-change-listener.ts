import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionProposalEntity } from './entities/session-proposal.entity';

/** When a session ran before it moved. */
export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

/** Who else hears of a proposal's decision, and whether its proposer now co-organises the session. */
export interface ProposalDecisionDetail {
  backerIds: string[];
  coOrganiser?: boolean;
}

/**
 * What other modules (booking) must do, inside the same transaction, when a session's grid or
 * status changes. Events knows nothing of meetings; booking registers itself here at start-up,
 * which keeps the module graph one-way (booking → events); so do notifications (the e-mails to
 * everyone registered).
 */
export interface SessionChangeListener {
  /** Of these slots, those that hold live meetings and so cannot be removed or made breaks. */
  slotsInUse(slotIds: string[], em: EntityManager): Promise<string[]>;
  /** Slots are about to be deleted: drop what hangs off them (offers, availability). */
  slotsRemoved(slotIds: string[], em: EntityManager): Promise<void>;
  /** Slot times changed (the session moved, from `previous`): meetings follow their slots. */
  sessionMoved(sessionId: string, now: Date, em: EntityManager, previous: SessionTimes): Promise<void>;
  /** A published session now ends at another time (slots added or removed at its end; none moved). */
  sessionEndChanged(sessionId: string, em: EntityManager, previous: SessionTimes): Promise<void>;
  /** The session was cancelled: its meetings and pending requests end too. */
  sessionCancelled(sessionId: string, now: Date, em: EntityManager): Promise<void>;
  /** The session's registration cap changed: places may have opened for its waiting list. */
  registrationCapChanged?(sessionId: string, em: EntityManager): Promise<void>;
  /** A theme proposal was accepted (into a draft session) or declined (notifications tell its proposer). */
  proposalDecided?(proposal: SessionProposalEntity, em: EntityManager, detail: ProposalDecisionDetail): Promise<void>;
}

@Injectable()
export class SessionChangeListeners {
  private readonly listeners: SessionChangeListener[] = [];

  register(listener: SessionChangeListener): void {
    this.listeners.push(listener);
  }

  async slotsInUse(slotIds: string[], em: EntityManager): Promise<string[]> {
    if (slotIds.length === 0) return [];
    const used = await Promise.all(this.listeners.map((l) => l.slotsInUse(slotIds, em)));
    return [...new Set(used.flat())];
  }

  async registrationCapChanged(sessionId: string, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.registrationCapChanged?.(sessionId, em);
  }

  async slotsRemoved(slotIds: string[], em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.slotsRemoved(slotIds, em);
  }

  async sessionMoved(sessionId: string, now: Date, em: EntityManager, previous: SessionTimes): Promise<void> {
    for (const listener of this.listeners) await listener.sessionMoved(sessionId, now, em, previous);
  }

  async sessionEndChanged(sessionId: string, em: EntityManager, previous: SessionTimes): Promise<void> {
    for (const listener of this.listeners) await listener.sessionEndChanged(sessionId, em, previous);
  }

  async sessionCancelled(sessionId: string, now: Date, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.sessionCancelled(sessionId, now, em);
  }

  async proposalDecided(
    proposal: SessionProposalEntity,
    em: EntityManager,
    detail: ProposalDecisionDetail,
  ): Promise<void> {
    for (const listener of this.listeners) await listener.proposalDecided?.(proposal, em, detail);
  }
}
