import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Language } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { AccountsService } from '../accounts/accounts.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { MeetingStatus, ParticipantRole } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingChange, MeetingChangeListener, MeetingChangeListeners, MeetingPerson, SESSION_CANCELLED } from '../booking/meeting-change-listener';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { SessionsService } from '../events/sessions.service';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { message } from './mail-messages';
import { MailContext, renderMail } from './mail-templates';
import { meetingCalendar } from './meeting-calendar';
import { CalendarMethod, ESSENTIAL_KINDS, NotificationKind, OutboxStatus } from './notifications.enums';
import { OutboxRepository } from './outbox.repository';

export type ReminderWindow = 'DAY' | 'SOON';

/** One e-mail to write: who, what, and which .ics (built per recipient, in their language). */
interface Planned {
  recipientId: string;
  kind: NotificationKind;
  dedupeKey: string;
  context: Omit<MailContext, 'language' | 'recipientName' | 'title' | 'link'>;
  meeting?: { entity: MeetingEntity; people: MeetingPerson[]; method: CalendarMethod };
  replaced?: { entity: MeetingEntity; people: MeetingPerson[] };
  requestId?: string;
  /** Whose names a request's e-mail gives as sender and receiver. */
  fromId?: string;
  toId?: string;
  /** The meeting's times and people, without a calendar attachment (reminders). */
  about?: { entity: MeetingEntity; people: MeetingPerson[] };
}

/**
 * Turns booking's domain events into outbox rows, inside the transaction that made the change:
 * if the booking rolls back, so do its e-mails; once it commits, they will be delivered.
 */
@Injectable()
export class NotificationWriter implements MeetingChangeListener, OnModuleInit {
  constructor(
    private readonly listeners: MeetingChangeListeners,
    private readonly outbox: OutboxRepository,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async meetingChanged(change: MeetingChange, em: EntityManager): Promise<void> {
    const planned = this.plan(change).map((p) => ('request' in change ? { ...p, fromId: change.request.fromUserId, toId: change.request.toUserId } : p));
    const sessionId = 'meeting' in change && change.meeting ? change.meeting.sessionId : 'request' in change ? change.request.sessionId : null;
    await this.write(planned, sessionId!, em);
  }

  /** Queues the reminder of one meeting for its people (the ReminderScheduler); returns how many were new. */
  async remind(meeting: MeetingEntity, people: MeetingPerson[], window: ReminderWindow, em: EntityManager): Promise<number> {
    const kind = window === 'DAY' ? NotificationKind.REMINDER_DAY : NotificationKind.REMINDER_SOON;
    const planned = [...new Set(people.map((p) => p.userId))].map(
      (id): Planned => ({
        recipientId: id,
        kind,
        dedupeKey: `reminder-${window.toLowerCase()}:${meeting.id}:${meeting.sequence}:${id}`,
        context: {},
        about: { entity: meeting, people },
      }),
    );
    return this.write(planned, meeting.sessionId, em);
  }

  /** Renders and queues the planned e-mails; ones queued before (same dedupe key) are skipped by the insert. */
  private async write(planned: Planned[], sessionId: string, em: EntityManager): Promise<number> {
    if (planned.length === 0) return 0;
    const session = await this.sessions.require(sessionId, em);
    const peopleIds = new Set<string>();
    for (const p of planned) {
      peopleIds.add(p.recipientId);
      for (const id of [p.fromId, p.toId]) if (id) peopleIds.add(id);
      for (const person of [...(p.meeting?.people ?? []), ...(p.replaced?.people ?? []), ...(p.about?.people ?? [])]) peopleIds.add(person.userId);
    }
    const users = new Map((await this.accounts.findUsers([...peopleIds], em)).map((u) => [u.id, u]));
    const disabled = await this.outbox.disabledKinds([...new Set(planned.map((p) => p.recipientId))], em);
    const now = this.clock.now();
    const calendars = new Map<string, string>();
    const rows: OutboxMessageEntity[] = [];
    for (const p of planned) {
      const recipient = users.get(p.recipientId);
      if (!recipient) continue;
      if (!ESSENTIAL_KINDS.has(p.kind) && disabled.has(`${recipient.id}:${p.kind}`)) continue;
      rows.push(this.compose(p, recipient, session, users, now, calendars));
    }
    return this.outbox.enqueue(rows, em);
  }

  private plan(change: MeetingChange): Planned[] {
    const each = (ids: string[], build: (id: string) => Planned) => [...new Set(ids)].map(build);
    switch (change.kind) {
      case 'booked': {
        const { meeting, people, byUserId } = change;
        // The booker, the host and any third party (not every guest of a group, again and again).
        const ids = [byUserId, ...people.filter((p) => p.role !== ParticipantRole.GUEST).map((p) => p.userId)];
        return each(ids, (id) => ({
          recipientId: id,
          kind: NotificationKind.BOOKED,
          dedupeKey: `booked:${meeting.id}:${byUserId}:${id}`,
          context: {},
          meeting: { entity: meeting, people, method: CalendarMethod.REQUEST },
        }));
      }
      case 'cancelled': {
        const { meeting, people, reason } = change;
        return each(
          people.map((p) => p.userId),
          (id) => ({
            recipientId: id,
            kind: NotificationKind.CANCELLED,
            dedupeKey: `cancelled:${meeting.id}:${id}`,
            context: { reason },
            meeting: { entity: meeting, people, method: CalendarMethod.CANCEL },
          }),
        );
      }
      case 'rescheduled': {
        const { meeting, previous, people } = change;
        return each(
          people.map((p) => p.userId),
          (id) => ({
            recipientId: id,
            kind: NotificationKind.RESCHEDULED,
            dedupeKey: `rescheduled:${meeting.id}:${meeting.sequence}:${id}`,
            context: { previousStartsAt: previous.startsAt, previousEndsAt: previous.endsAt },
            meeting: { entity: meeting, people, method: CalendarMethod.REQUEST },
            // A new meeting in another slot: its calendar entry replaces the old one's UID.
            replaced: previous.id !== meeting.id ? { entity: previous, people } : undefined,
          }),
        );
      }
      case 'proposed': {
        const { meeting, people } = change;
        return each(
          people.map((p) => p.userId),
          (id) => ({
            recipientId: id,
            kind: NotificationKind.PROPOSED,
            dedupeKey: `proposed:${meeting.id}:${id}`,
            context: {},
            meeting: { entity: meeting, people, method: CalendarMethod.REQUEST },
          }),
        );
      }
      case 'requested': {
        const { request } = change;
        return each([request.toUserId, ...(request.thirdPartyId ? [request.thirdPartyId] : [])], (id) => ({
          recipientId: id,
          kind: NotificationKind.REQUESTED,
          dedupeKey: `requested:${request.id}:${id}`,
          context: { message: request.message },
          requestId: request.id,
        }));
      }
      case 'accepted': {
        const { request, meeting, people } = change;
        const ids = [request.fromUserId, ...people.map((p) => p.userId)];
        return each(ids, (id) => ({
          recipientId: id,
          kind: NotificationKind.ACCEPTED,
          dedupeKey: `accepted:${request.id}:${id}`,
          context: { scheduled: meeting !== null },
          requestId: request.id,
          meeting: meeting ? { entity: meeting, people, method: CalendarMethod.REQUEST } : undefined,
        }));
      }
      case 'declined': {
        const { request } = change;
        return [
          {
            recipientId: request.fromUserId,
            kind: NotificationKind.DECLINED,
            dedupeKey: `declined:${request.id}:${request.fromUserId}`,
            context: { reason: request.declineReason },
            requestId: request.id,
          },
        ];
      }
    }
  }

  /** `calendars` caches each .ics by meeting, method and language: every recipient gets the same one. */
  private compose(
    p: Planned,
    recipient: UserEntity,
    session: ThemedSessionEntity,
    users: Map<string, UserEntity>,
    now: Date,
    calendars: Map<string, string>,
  ): OutboxMessageEntity {
    const language = recipient.preferredLanguage === Language.cy ? Language.cy : Language.en;
    const title = language === Language.cy ? session.titleCy : session.titleEn;
    const link = `${this.config.publicUrl.replace(/\/$/, '')}/agenda`;
    const name = (id: string) => users.get(id)?.displayName ?? '';
    const meeting = p.meeting?.entity ?? p.about?.entity;
    // Meetings ended with their session: the organiser's reason for cancelling the session.
    if (p.kind === NotificationKind.CANCELLED && meeting?.cancelReason === SESSION_CANCELLED) p = { ...p, context: { ...p.context, reason: session.cancelReason } };
    const people = p.meeting?.people ?? p.about?.people;
    const context: MailContext = {
      ...p.context,
      language,
      recipientName: recipient.displayName,
      title,
      link,
      startsAt: meeting?.startsAt,
      endsAt: meeting?.endsAt,
      people: people?.filter((person) => person.userId !== recipient.id).map((person) => name(person.userId)),
      from: p.fromId ? name(p.fromId) : undefined,
      to: p.toId ? name(p.toId) : undefined,
    };
    const mail = renderMail(p.kind, context);
    const ics = (entity: MeetingEntity, people: MeetingPerson[], method: CalendarMethod) => {
      const key = `${entity.id}|${entity.sequence}|${method}|${language}`;
      const cached = calendars.get(key);
      if (cached) return cached;
      const host = users.get(entity.hostId);
      const calendar = meetingCalendar(
        {
          id: entity.id,
          sequence: entity.sequence,
          startsAt: entity.startsAt,
          endsAt: entity.endsAt,
          summary: message(language, 'ics.summary', { title }),
          description: message(language, 'ics.description', { title, link }),
          url: link,
          organiser: { name: host?.displayName ?? 'Cyswllt', email: host?.email ?? 'no-reply@cyswllt.invalid' },
          attendees: people.map((person) => users.get(person.userId)).filter((u): u is UserEntity => Boolean(u)).map((u) => ({ name: u.displayName, email: u.email })),
          tentative: entity.status === MeetingStatus.PROPOSED,
        },
        method,
        now,
      );
      calendars.set(key, calendar);
      return calendar;
    };
    return {
      id: randomUUID(),
      recipientId: recipient.id,
      recipientEmail: recipient.email,
      language,
      kind: p.kind,
      meetingId: meeting?.id ?? null,
      requestId: p.requestId ?? null,
      subject: mail.subject.slice(0, 300),
      bodyText: mail.text,
      bodyHtml: mail.html,
      ics: p.meeting ? ics(p.meeting.entity, p.meeting.people, p.meeting.method) : null,
      icsMethod: p.meeting?.method ?? null,
      icsReplaced: p.replaced ? ics(p.replaced.entity, p.replaced.people, CalendarMethod.CANCEL) : null,
      dedupeKey: p.dedupeKey,
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
}
