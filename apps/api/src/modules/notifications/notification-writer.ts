import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Language } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import {
  EmailConfirmationRequested,
  InvitationCreated,
  InvitationListener,
  InvitationListeners,
  PasswordResetRequested,
  SignUpAttempted,
} from '../accounts/invitation-listeners';
import { ParticipantRole, ThirdPartyStatus } from '../booking/booking.enums';
import { MeetingRequestEntity } from '../booking/entities/meeting-request.entity';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import {
  MeetingChange,
  MeetingChangeListener,
  MeetingChangeListeners,
  MeetingPerson,
} from '../booking/meeting-change-listener';
import { SessionProposalEntity } from '../events/entities/session-proposal.entity';
import { ProposalStatus } from '../events/events.enums';
import { FollowUpActionEntity } from '../followups/entities/follow-up-action.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import {
  CalendarMethod,
  ESSENTIAL_KINDS,
  NotificationKind,
  OutboxStatus,
  SessionChangeKind,
} from './notifications.enums';
import { meetingVersion, OutboxEvent } from './outbox-event';
import { OutboxRepository } from './outbox.repository';
import { ReminderWindow } from './reminders';

/** One e-mail to write: who, what, and the compact event it is rendered from at delivery. */
interface Planned {
  recipientId: string;
  kind: NotificationKind;
  dedupeKey: string;
  event: Omit<OutboxEvent, 'sessionId'>;
  meetingId?: string;
  requestId?: string;
}

/**
 * Turns booking's domain events into outbox rows, inside the transaction that made the change:
 * if the booking rolls back, so do its e-mails; once it commits, they will be delivered. A row is
 * a compact event (kind, recipient, language, the meeting version); the MailRenderer turns it
 * into subject, bodies and .ics when the worker delivers it, outside the booking's transaction.
 */
@Injectable()
export class NotificationWriter implements MeetingChangeListener, InvitationListener, OnModuleInit {
  constructor(
    private readonly listeners: MeetingChangeListeners,
    private readonly invitationListeners: InvitationListeners,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
    this.invitationListeners.register(this);
  }

  /** The invitation e-mail, to an address with no account yet: in both languages, with the acceptance link. */
  async invitationCreated({ invitation, url }: InvitationCreated, em: EntityManager): Promise<void> {
    const event: OutboxEvent = {
      fromId: invitation.invitedById,
      invitationUrl: url,
      expiresAt: invitation.expiresAt.toISOString(),
    };
    await this.outbox.enqueue(
      [
        this.row({
          recipientAddress: invitation.email,
          kind: NotificationKind.INVITATION,
          dedupeKey: `invitation:${invitation.id}`,
          event,
        }),
      ],
      em,
    );
  }

  /** The password-reset e-mail: essential, in both languages, with the single-use link (a fresh key: every request sends). */
  async passwordResetRequested({ userId, url, expiresAt }: PasswordResetRequested, em: EntityManager): Promise<void> {
    const event: OutboxEvent = { resetUrl: url, expiresAt: expiresAt.toISOString() };
    await this.outbox.enqueue(
      [
        this.row({
          recipientId: userId,
          kind: NotificationKind.PASSWORD_RESET,
          dedupeKey: `password-reset:${randomUUID()}`,
          event,
        }),
      ],
      em,
    );
  }

  /** To an account's holder, in their language: someone tried to sign up with their address (a fresh key: every attempt sends, within the sign-up throttle). */
  async signUpAttempted({ userId }: SignUpAttempted, em: EntityManager): Promise<void> {
    await this.outbox.enqueue(
      [
        this.row({
          recipientId: userId,
          kind: NotificationKind.SIGN_UP_ATTEMPT,
          dedupeKey: `sign-up-attempt:${randomUUID()}`,
          event: {},
        }),
      ],
      em,
    );
  }

  /** A new account's confirmation link, in its language (a fresh key: every request sends, within the throttle). */
  async emailConfirmationRequested(
    { userId, url, expiresAt }: EmailConfirmationRequested,
    em: EntityManager,
  ): Promise<void> {
    const event: OutboxEvent = { confirmUrl: url, expiresAt: expiresAt.toISOString() };
    await this.outbox.enqueue(
      [
        this.row({
          recipientId: userId,
          kind: NotificationKind.EMAIL_CONFIRMATION,
          dedupeKey: `email-confirmation:${randomUUID()}`,
          event,
        }),
      ],
      em,
    );
  }

  async meetingChanged(change: MeetingChange, em: EntityManager): Promise<void> {
    // New seats are offered to standby by the standby list, whose own change tells the person.
    if (change.kind === 'seatsAdded') return;
    const sessionId =
      'request' in change
        ? change.request.sessionId
        : 'entry' in change
          ? change.entry.sessionId
          : change.meeting.sessionId;
    await this.write(this.plan(change), sessionId, em);
  }

  /** Queues the reminder of one meeting for its people; returns how many were new. */
  async remind(
    meeting: MeetingEntity,
    people: MeetingPerson[],
    window: ReminderWindow,
    em: EntityManager,
  ): Promise<number> {
    const kind = window === 'DAY' ? NotificationKind.REMINDER_DAY : NotificationKind.REMINDER_SOON;
    const version = meetingVersion(meeting, people);
    const planned = version.peopleIds.map((id): Planned => ({
      recipientId: id,
      kind,
      // Once per start time and person: a meeting that changes state (someone joins early, so it is
      // IN_PROGRESS) keeps its reminders; one whose start moves gets them again.
      dedupeKey: `reminder-${window.toLowerCase()}:${meeting.id}:${meeting.startsAt.getTime()}:${id}`,
      event: { meeting: version },
      meetingId: meeting.id,
    }));
    return this.write(planned, meeting.sessionId, em);
  }

  /**
   * Queues the 48-hour nudge of a PENDING request: to its addressee, and to the invited third party
   * while they have not answered. Once per request and person (the dedupe key).
   */
  async nudge(request: MeetingRequestEntity, em: EntityManager): Promise<number> {
    const ids = [
      request.toUserId,
      ...(request.thirdPartyId && request.thirdPartyStatus === ThirdPartyStatus.INVITED ? [request.thirdPartyId] : []),
    ];
    const planned = [...new Set(ids)].map((id): Planned => ({
      recipientId: id,
      kind: NotificationKind.NUDGE,
      dedupeKey: nudgeKey(request.id, id),
      event: { fromId: request.fromUserId, toId: request.toUserId, message: request.message },
      requestId: request.id,
    }));
    return this.write(planned, request.sessionId, em);
  }

  /**
   * Queues the due-date e-mail of an open follow-up action, to its owner: once per action and due
   * date (a new due date is a new key, so it comes again then).
   */
  async actionDue(
    action: FollowUpActionEntity,
    meeting: MeetingEntity,
    people: MeetingPerson[],
    em: EntityManager,
  ): Promise<number> {
    const planned: Planned = {
      recipientId: action.ownerId,
      kind: NotificationKind.ACTION_DUE,
      dedupeKey: actionDueKey(action),
      event: { actionId: action.id, dueOn: action.dueOn, meeting: meetingVersion(meeting, people) },
      meetingId: meeting.id,
    };
    return this.write([planned], meeting.sessionId, em);
  }

  /**
   * Queues the e-mail about a session change to everyone registered for it: once per session
   * revision and person (a retried transaction or a repeated event adds nothing).
   */
  async sessionChanged(
    change: { kind: SessionChangeKind; sessionId: string; revision: number; event: Omit<OutboxEvent, 'sessionId'> },
    registrantIds: string[],
    em: EntityManager,
  ): Promise<number> {
    const prefix = change.kind.toLowerCase().replaceAll('_', '-');
    const planned = [...new Set(registrantIds)].map((id): Planned => ({
      recipientId: id,
      kind: change.kind,
      dedupeKey: `${prefix}:${change.sessionId}:${change.revision}:${id}`,
      event: change.event,
    }));
    return this.write(planned, change.sessionId, em);
  }

  /**
   * Queues the e-mails telling a theme proposal's proposer and each of its backers the decision (and
   * a decline's reason), in each one's language, once per proposal and person.
   */
  async proposalDecided(
    proposal: SessionProposalEntity,
    em: EntityManager,
    detail: { backerIds: string[]; coOrganiser?: boolean } = { backerIds: [] },
  ): Promise<number> {
    const accepted = proposal.status === ProposalStatus.ACCEPTED;
    const kind = accepted ? NotificationKind.PROPOSAL_ACCEPTED : NotificationKind.PROPOSAL_DECLINED;
    const reason = accepted ? undefined : proposal.declineReason;
    const planned: Planned[] = [
      {
        recipientId: proposal.proposerId,
        kind,
        dedupeKey: `proposal-decided:${proposal.id}`,
        event: {
          proposal: { id: proposal.id, title: proposal.title, ...(detail.coOrganiser ? { coOrganiser: true } : {}) },
          reason,
        },
      },
      ...detail.backerIds.map((id): Planned => ({
        recipientId: id,
        kind,
        dedupeKey: `proposal-decided:${proposal.id}:${id}`,
        event: { proposal: { id: proposal.id, title: proposal.title, backer: true }, reason },
      })),
    ];
    return this.write(planned, proposal.sessionId ?? undefined, em);
  }

  /**
   * Queues the planned e-mails in one INSERT; ones queued before (same dedupe key) are skipped,
   * and so are optional kinds the recipient switched off. Reads only the recipients' languages
   * and preferences: everything else is rendered at delivery.
   */
  /**
   * One INSERT: each row in its recipient's language, and optional kinds only to those who have
   * not switched them off (OutboxRepository.enqueueForRecipients reads both).
   */
  private async write(planned: Planned[], sessionId: string | undefined, em: EntityManager): Promise<number> {
    if (planned.length === 0) return 0;
    return this.outbox.enqueueForRecipients(
      planned.map((p) => ({ row: this.plannedRow(p, sessionId), optional: !ESSENTIAL_KINDS.has(p.kind) })),
      em,
    );
  }

  private plannedRow(p: Planned, sessionId: string | undefined): OutboxMessageEntity {
    return this.row({
      recipientId: p.recipientId,
      kind: p.kind,
      meetingId: p.meetingId ?? p.event.meeting?.id ?? null,
      requestId: p.requestId ?? null,
      dedupeKey: p.dedupeKey,
      event: { sessionId, ...p.event },
    });
  }

  /** A new PENDING outbox row, due now. */
  private row(fields: {
    recipientId?: string;
    recipientAddress?: string;
    language?: Language;
    kind: NotificationKind;
    meetingId?: string | null;
    requestId?: string | null;
    dedupeKey: string;
    event: OutboxEvent;
  }): OutboxMessageEntity {
    const now = this.clock.now();
    return {
      id: randomUUID(),
      recipientId: fields.recipientId ?? null,
      recipientAddress: fields.recipientAddress ?? null,
      language: fields.language ?? null,
      kind: fields.kind,
      meetingId: fields.meetingId ?? null,
      requestId: fields.requestId ?? null,
      payload: JSON.stringify(fields.event),
      dedupeKey: fields.dedupeKey,
      status: OutboxStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      claimToken: null,
      claimedUntil: null,
      lastError: null,
      channel: null,
      createdAt: now,
      sentAt: null,
    };
  }

  private plan(change: MeetingChange): Planned[] {
    const each = (ids: string[], build: (id: string) => Planned) => [...new Set(ids)].map(build);
    switch (change.kind) {
      case 'booked': {
        const { meeting, people, byUserId } = change;
        const version = meetingVersion(meeting, people);
        // The booker, the host and any third party (not every guest of a group, again and again).
        const ids = [byUserId, ...people.filter((p) => p.role !== ParticipantRole.GUEST).map((p) => p.userId)];
        return each(ids, (id) => ({
          recipientId: id,
          kind: NotificationKind.BOOKED,
          dedupeKey: `booked:${meeting.id}:${byUserId}:${id}`,
          event: { meeting: version, method: CalendarMethod.REQUEST },
        }));
      }
      case 'cancelled': {
        const { meeting, people, reason } = change;
        const version = meetingVersion(meeting, people);
        return each(version.peopleIds, (id) => ({
          recipientId: id,
          kind: NotificationKind.CANCELLED,
          dedupeKey: `cancelled:${meeting.id}:${id}`,
          event: { meeting: version, method: CalendarMethod.CANCEL, reason },
        }));
      }
      case 'rescheduled': {
        const { meeting, previous, people } = change;
        const version = meetingVersion(meeting, people);
        const before = meetingVersion(previous, people);
        return each(version.peopleIds, (id) => ({
          recipientId: id,
          kind: NotificationKind.RESCHEDULED,
          dedupeKey: `rescheduled:${meeting.id}:${meeting.sequence}:${id}`,
          // The same calendar event (UID) at its new time, with the next SEQUENCE: it replaces the old entry.
          event: {
            meeting: version,
            method: CalendarMethod.REQUEST,
            previous: before,
            cancelPrevious: previous.calendarUid !== meeting.calendarUid || undefined,
          },
        }));
      }
      // Proposed (TENTATIVE), then once everyone agreed the same event CONFIRMED: each happens once per meeting.
      case 'proposed':
      case 'confirmed': {
        const { meeting, people } = change;
        const version = meetingVersion(meeting, people);
        return each(version.peopleIds, (id) => ({
          recipientId: id,
          kind: change.kind === 'proposed' ? NotificationKind.PROPOSED : NotificationKind.CONFIRMED,
          dedupeKey: `${change.kind}:${meeting.id}:${id}`,
          event: { meeting: version, method: CalendarMethod.REQUEST },
        }));
      }
      case 'participantRemoved':
      case 'participantRestored': {
        const { meeting, people, kind } = change;
        const version = meetingVersion(meeting, people);
        const notification =
          kind === 'participantRemoved' ? NotificationKind.PARTICIPANT_REMOVED : NotificationKind.PARTICIPANT_RESTORED;
        // A fresh key: removed, restored and removed again each say so.
        return each(version.peopleIds, (id) => ({
          recipientId: id,
          kind: notification,
          dedupeKey: `${kind}:${meeting.id}:${id}:${randomUUID()}`,
          event: { meeting: version },
        }));
      }
      case 'left': {
        // The host hears a guest can't make it, with their reason; the others' calendars do not change.
        const { meeting, people, byUserId, reason } = change;
        const version = meetingVersion(meeting, people);
        return each([meeting.hostId], (id) => ({
          recipientId: id,
          kind: NotificationKind.GUEST_LEFT,
          dedupeKey: `guest-left:${meeting.id}:${byUserId}:${randomUUID()}`,
          event: { meeting: version, fromId: byUserId, reason: reason || null },
        }));
      }
      case 'standbyOffered': {
        const { entry, offer, slot } = change;
        return [
          {
            recipientId: entry.userId,
            kind: NotificationKind.STANDBY_OFFERED,
            dedupeKey: `standby-offered:${entry.id}`,
            event: {
              standby: { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() },
              fromId: offer.hostId,
              expiresAt: entry.claimUntil!.toISOString(),
            },
          },
        ];
      }
      case 'seatsAdded':
        return [];
      case 'waitingListPlaced': {
        const { entry } = change;
        return [
          {
            recipientId: entry.userId,
            kind: NotificationKind.WAITING_LIST_PLACED,
            dedupeKey: `waiting-list-placed:${entry.id}`,
            event: {},
          },
        ];
      }
      case 'requested': {
        const { request } = change;
        return each([request.toUserId, ...(request.thirdPartyId ? [request.thirdPartyId] : [])], (id) => ({
          recipientId: id,
          kind: NotificationKind.REQUESTED,
          dedupeKey: `requested:${request.id}:${id}`,
          event: { fromId: request.fromUserId, toId: request.toUserId, message: request.message },
          requestId: request.id,
        }));
      }
      case 'accepted': {
        const { request, meeting, people } = change;
        const version = meeting ? meetingVersion(meeting, people) : undefined;
        const ids = [request.fromUserId, ...people.map((p) => p.userId)];
        return each(ids, (id) => ({
          recipientId: id,
          kind: NotificationKind.ACCEPTED,
          dedupeKey: `accepted:${request.id}:${id}`,
          event: {
            fromId: request.fromUserId,
            toId: request.toUserId,
            scheduled: meeting !== null,
            meeting: version,
            method: version ? CalendarMethod.REQUEST : undefined,
          },
          requestId: request.id,
        }));
      }
      case 'declined': {
        const { request } = change;
        return [
          {
            recipientId: request.fromUserId,
            kind: NotificationKind.DECLINED,
            dedupeKey: `declined:${request.id}:${request.fromUserId}`,
            event: { fromId: request.fromUserId, toId: request.toUserId, reason: request.declineReason },
            requestId: request.id,
          },
        ];
      }
      case 'expired': {
        const { request } = change;
        return each([request.fromUserId, request.toUserId], (id) => ({
          recipientId: id,
          kind: NotificationKind.REQUEST_EXPIRED,
          dedupeKey: `request-expired:${request.id}:${id}`,
          event: { fromId: request.fromUserId, toId: request.toUserId },
          requestId: request.id,
        }));
      }
    }
  }
}

export function actionDueKey(action: Pick<FollowUpActionEntity, 'id' | 'dueOn'>): string {
  return `action-due:${action.id}:${action.dueOn}`;
}

export function nudgeKey(requestId: string, userId: string): string {
  return `nudge:${requestId}:${userId}`;
}
