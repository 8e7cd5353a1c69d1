import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Language } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { AccountsService } from '../accounts/accounts.service';
import { InvitationCreated, InvitationListener, InvitationListeners, PasswordResetRequested } from '../accounts/invitation-listeners';
import { ParticipantRole, ThirdPartyStatus } from '../booking/booking.enums';
import { MeetingRequestEntity } from '../booking/entities/meeting-request.entity';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingChange, MeetingChangeListener, MeetingChangeListeners, MeetingPerson } from '../booking/meeting-change-listener';
import { FollowUpActionEntity } from '../followups/entities/follow-up-action.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { CalendarMethod, ESSENTIAL_KINDS, NotificationKind, OutboxStatus, SessionChangeKind } from './notifications.enums';
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
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
    this.invitationListeners.register(this);
  }

  /** The invitation e-mail, to an address with no account yet: in both languages, with the acceptance link. */
  async invitationCreated({ invitation, url }: InvitationCreated, em: EntityManager): Promise<void> {
    const event: OutboxEvent = { fromId: invitation.invitedById, invitationUrl: url, expiresAt: invitation.expiresAt.toISOString() };
    await this.outbox.enqueue([this.row({ recipientAddress: invitation.email, kind: NotificationKind.INVITATION, dedupeKey: `invitation:${invitation.id}`, event })], em);
  }

  /** The password-reset e-mail: essential, in both languages, with the single-use link (a fresh key: every request sends). */
  async passwordResetRequested({ userId, url, expiresAt }: PasswordResetRequested, em: EntityManager): Promise<void> {
    const event: OutboxEvent = { resetUrl: url, expiresAt: expiresAt.toISOString() };
    await this.outbox.enqueue([this.row({ recipientId: userId, kind: NotificationKind.PASSWORD_RESET, dedupeKey: `password-reset:${randomUUID()}`, event })], em);
  }

  async meetingChanged(change: MeetingChange, em: EntityManager): Promise<void> {
    const sessionId = 'request' in change ? change.request.sessionId : change.meeting.sessionId;
    await this.write(this.plan(change), sessionId, em);
  }

  /** Queues the reminder of one meeting for its people; returns how many were new. */
  async remind(meeting: MeetingEntity, people: MeetingPerson[], window: ReminderWindow, em: EntityManager): Promise<number> {
    const kind = window === 'DAY' ? NotificationKind.REMINDER_DAY : NotificationKind.REMINDER_SOON;
    const version = meetingVersion(meeting, people);
    const planned = version.peopleIds.map(
      (id): Planned => ({
        recipientId: id,
        kind,
        dedupeKey: `reminder-${window.toLowerCase()}:${meeting.id}:${meeting.sequence}:${id}`,
        event: { meeting: version },
        meetingId: meeting.id,
      }),
    );
    return this.write(planned, meeting.sessionId, em);
  }

  /**
   * Queues the 48-hour nudge of a PENDING request: to its addressee, and to the invited third party
   * while they have not answered. Once per request and person (the dedupe key).
   */
  async nudge(request: MeetingRequestEntity, em: EntityManager): Promise<number> {
    const ids = [request.toUserId, ...(request.thirdPartyId && request.thirdPartyStatus === ThirdPartyStatus.INVITED ? [request.thirdPartyId] : [])];
    const planned = [...new Set(ids)].map(
      (id): Planned => ({
        recipientId: id,
        kind: NotificationKind.NUDGE,
        dedupeKey: nudgeKey(request.id, id),
        event: { fromId: request.fromUserId, toId: request.toUserId, message: request.message },
        requestId: request.id,
      }),
    );
    return this.write(planned, request.sessionId, em);
  }

  /**
   * Queues the due-date e-mail of an open follow-up action, to its owner: once per action and due
   * date (a new due date is a new key, so it comes again then).
   */
  async actionDue(action: FollowUpActionEntity, meeting: MeetingEntity, people: MeetingPerson[], em: EntityManager): Promise<number> {
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
    const planned = [...new Set(registrantIds)].map(
      (id): Planned => ({ recipientId: id, kind: change.kind, dedupeKey: `${prefix}:${change.sessionId}:${change.revision}:${id}`, event: change.event }),
    );
    return this.write(planned, change.sessionId, em);
  }

  /**
   * Queues the planned e-mails in one INSERT; ones queued before (same dedupe key) are skipped,
   * and so are optional kinds the recipient switched off. Reads only the recipients' languages
   * and preferences: everything else is rendered at delivery.
   */
  private async write(planned: Planned[], sessionId: string, em: EntityManager): Promise<number> {
    if (planned.length === 0) return 0;
    const recipientIds = [...new Set(planned.map((p) => p.recipientId))];
    const optional = planned.some((p) => !ESSENTIAL_KINDS.has(p.kind));
    const [users, disabled] = await Promise.all([
      this.accounts.findUsers(recipientIds, em),
      optional ? this.outbox.disabledKinds(recipientIds, em) : new Set<string>(),
    ]);
    const languages = new Map(users.map((u) => [u.id, u.preferredLanguage === Language.cy ? Language.cy : Language.en]));
    const rows: OutboxMessageEntity[] = [];
    for (const p of planned) {
      const language = languages.get(p.recipientId);
      if (!language) continue;
      if (!ESSENTIAL_KINDS.has(p.kind) && disabled.has(`${p.recipientId}:${p.kind}`)) continue;
      rows.push(
        this.row({
          recipientId: p.recipientId,
          language,
          kind: p.kind,
          meetingId: p.meetingId ?? p.event.meeting?.id ?? null,
          requestId: p.requestId ?? null,
          dedupeKey: p.dedupeKey,
          event: { sessionId, ...p.event },
        }),
      );
    }
    return this.outbox.enqueue(rows, em);
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
          // A new meeting in another slot: its calendar entry replaces the old one's UID.
          event: { meeting: version, method: CalendarMethod.REQUEST, previous: before, cancelPrevious: previous.id !== meeting.id || undefined },
        }));
      }
      case 'proposed': {
        const { meeting, people } = change;
        const version = meetingVersion(meeting, people);
        return each(version.peopleIds, (id) => ({
          recipientId: id,
          kind: NotificationKind.PROPOSED,
          dedupeKey: `proposed:${meeting.id}:${id}`,
          event: { meeting: version, method: CalendarMethod.REQUEST },
        }));
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
          event: { fromId: request.fromUserId, toId: request.toUserId, scheduled: meeting !== null, meeting: version, method: version ? CalendarMethod.REQUEST : undefined },
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
    }
  }
}

export function actionDueKey(action: Pick<FollowUpActionEntity, 'id' | 'dueOn'>): string {
  return `action-due:${action.id}:${action.dueOn}`;
}

export function nudgeKey(requestId: string, userId: string): string {
  return `nudge:${requestId}:${userId}`;
}
