import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RegistrationsService } from '../booking/registrations.service';
import { SessionProposalEntity } from '../events/entities/session-proposal.entity';
import {
  ProposalDecisionDetail,
  SessionChangeListener,
  SessionChangeListeners,
  SessionTimes,
} from '../events/session-change-listener';
import { SessionsService } from '../events/sessions.service';
import { NotificationWriter } from './notification-writer';
import { NotificationKind } from './notifications.enums';

/**
 * Tells everyone registered for a session (hosts and guests) when it moves, ends at another time or
 * is cancelled, inside
 * the change's transaction. Those in meetings also get their meetings' own e-mails (booking's).
 */
@Injectable()
export class SessionChangeMailer implements SessionChangeListener, OnModuleInit {
  constructor(
    private readonly listeners: SessionChangeListeners,
    private readonly sessions: SessionsService,
    private readonly registrations: RegistrationsService,
    private readonly writer: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Slots are booking's concern: nothing to say about them. */
  async slotsInUse(): Promise<string[]> {
    return [];
  }

  async slotsRemoved(): Promise<void> {}

  async sessionMoved(sessionId: string, _now: Date, em: EntityManager, previous: SessionTimes): Promise<void> {
    await this.retimed(NotificationKind.SESSION_MOVED, sessionId, em, previous);
  }

  async sessionEndChanged(sessionId: string, em: EntityManager, previous: SessionTimes): Promise<void> {
    await this.retimed(NotificationKind.SESSION_END_CHANGED, sessionId, em, previous);
  }

  async sessionCancelled(sessionId: string, _now: Date, em: EntityManager): Promise<void> {
    const session = await this.sessions.require(sessionId, em);
    // The reason is the session's own (read when the e-mail is delivered), like its meetings' cancellations.
    await this.writer.sessionChanged(
      { kind: NotificationKind.SESSION_CANCELLED, sessionId, revision: session.revision, event: {} },
      await this.registrantIds(sessionId, em),
      em,
    );
  }

  /** A theme proposal's decision, to its proposer and its backers. */
  async proposalDecided(
    proposal: SessionProposalEntity,
    em: EntityManager,
    detail: ProposalDecisionDetail,
  ): Promise<void> {
    await this.writer.proposalDecided(proposal, em, detail);
  }

  /** The session's times before and now, to everyone registered. */
  private async retimed(
    kind: NotificationKind.SESSION_MOVED | NotificationKind.SESSION_END_CHANGED,
    sessionId: string,
    em: EntityManager,
    previous: SessionTimes,
  ): Promise<void> {
    const session = await this.sessions.require(sessionId, em);
    const times = (t: SessionTimes) => ({ startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString() });
    const event = { sessionMove: { from: times(previous), to: times(session) } };
    await this.writer.sessionChanged(
      { kind, sessionId, revision: session.revision, event },
      await this.registrantIds(sessionId, em),
      em,
    );
  }

  private async registrantIds(sessionId: string, em: EntityManager): Promise<string[]> {
    return (await this.registrations.allForSession(sessionId, em)).map((r) => r.userId);
  }
}
