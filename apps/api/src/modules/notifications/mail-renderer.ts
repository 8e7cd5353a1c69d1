import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Language } from '../../core/auth/role';
import { AccountsService } from '../accounts/accounts.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { ThemedSessionEntity } from '../events/entities/themed-session.entity';
import { SessionsService } from '../events/sessions.service';
import { FollowUpActionEntity } from '../followups/entities/follow-up-action.entity';
import { FollowUpActionsService } from '../followups/follow-up-actions.service';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { message } from './mail-messages';
import { MailContext, renderBilingualMail, renderMail, whenFiller, type RenderedMail } from './mail-templates';
import { meetingUid } from '../booking/meeting-uid';
import { mailbox, maskedAddress, meetingCalendar } from './meeting-calendar';
import { CalendarMethod, NotificationKind, SESSION_PAGE_KINDS } from './notifications.enums';
import { MeetingVersion, OutboxEvent, withoutSecrets } from './outbox-event';
import { UnsubscribeLinks } from './unsubscribe-links';

/** One outbox row made into an e-mail, ready for a MailTransport. */
export interface OutgoingMail {
  id: string;
  kind: NotificationKind;
  recipientId: string | null;
  to: string;
  /** null: written in both languages. */
  language: Language | null;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
  icsMethod: CalendarMethod | null;
  /** For reschedules to another slot: the replaced meeting's cancellation. */
  icsReplaced: string | null;
  /** Optional kinds: the one-click unsubscribe link (List-Unsubscribe, RFC 8058). */
  unsubscribeUrl: string | null;
}

/**
 * Renders outbox rows (compact events) into e-mails: the worker at delivery, the outbox page on
 * reading. Names, addresses and the session's title are read now, in a batch for all rows; times,
 * people and SEQUENCE come from the meeting version stored in the event, so a mail about a meeting
 * that has since moved or been cancelled still says what it said then. DTSTAMP is the row's
 * creation time, so rendering twice gives the same .ics.
 */
@Injectable()
export class MailRenderer {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly unsubscribe: UnsubscribeLinks,
    private readonly actions: FollowUpActionsService,
  ) {}

  /**
   * Rendered mails by row id; a row whose recipient or session is gone (erased) has none. Secret
   * links (invitation, password reset) are written only into mails for delivery: the outbox pages
   * and data exports show them removed even before they are sent.
   */
  async render(
    rows: OutboxMessageEntity[],
    purpose: 'delivery' | 'display' = 'display',
  ): Promise<Map<string, OutgoingMail>> {
    const events = new Map(
      rows.map((row) => {
        const event = JSON.parse(row.payload) as OutboxEvent;
        return [row.id, purpose === 'delivery' ? event : withoutSecrets(event)];
      }),
    );
    const peopleIds = new Set<string>();
    for (const row of rows) {
      const event = events.get(row.id)!;
      if (row.recipientId) peopleIds.add(row.recipientId);
      for (const id of [
        event.fromId,
        event.toId,
        event.meeting?.hostId,
        event.previous?.hostId,
        ...(event.meeting?.peopleIds ?? []),
      ])
        if (id) peopleIds.add(id);
    }
    const sessionIds = [...new Set([...events.values()].flatMap((e) => (e.sessionId ? [e.sessionId] : [])))];
    const actionIds = [...new Set([...events.values()].flatMap((e) => (e.actionId ? [e.actionId] : [])))];
    const [users, sessions, actions] = await Promise.all([
      this.accounts.findUsers([...peopleIds]),
      this.sessions.findByIds(sessionIds),
      this.actions.findByIds(actionIds),
    ]);
    const context: RenderContext = {
      users: new Map(users.map((u) => [u.id, u])),
      sessions: new Map(sessions.map((s) => [s.id, s])),
      actions: new Map(actions.map((a) => [a.id, a])),
      calendars: new Map(),
    };
    const rendered = new Map<string, OutgoingMail>();
    for (const row of rows) {
      const mail = this.renderOne(row, events.get(row.id)!, context);
      if (mail) rendered.set(row.id, mail);
    }
    return rendered;
  }

  private renderOne(row: OutboxMessageEntity, event: OutboxEvent, context: RenderContext): OutgoingMail | null {
    if (row.kind === NotificationKind.INVITATION || row.kind === NotificationKind.PASSWORD_RESET)
      return this.renderBilingual(row, event, context);
    if (row.kind === NotificationKind.SIGN_UP_ATTEMPT || row.kind === NotificationKind.EMAIL_CONFIRMATION)
      return this.renderAccountNotice(row, event, context);
    const { users, sessions, actions, calendars } = context;
    const recipient = row.recipientId ? users.get(row.recipientId) : undefined;
    const session = event.sessionId ? sessions.get(event.sessionId) : undefined;
    const action = event.actionId ? actions.get(event.actionId) : undefined;
    if (!recipient || (!session && !event.proposal) || (event.actionId && !action)) return null;
    const language = row.language === Language.cy ? Language.cy : Language.en;
    // A theme proposal's decision: its own title (a declined one has no session).
    const title = event.proposal?.title ?? (language === Language.cy ? session!.titleCy : session!.titleEn);
    const meeting = event.meeting;
    const sessionChange = SESSION_PAGE_KINDS.has(row.kind);
    const page = event.proposal
      ? 'proposals'
      : action
        ? 'actions'
        : sessionChange || event.standby
          ? `sessions/${session!.id}`
          : 'agenda';
    // The page in the recipient's e-mail language (the web app's addresses start with it).
    const link = `${this.config.publicUrl.replace(/\/$/, '')}/${language}/${page}`;
    // A session's move or new end: its times then and now; its cancellation: when it would have been.
    const when =
      event.sessionMove?.to ??
      meeting ??
      event.standby ??
      (sessionChange && session
        ? { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() }
        : undefined);
    const before = event.sessionMove?.from ?? event.previous;
    const name = (id: string | undefined) => (id ? (users.get(id)?.displayName ?? '') : undefined);
    const unsubscribeUrl = this.unsubscribe.url({ userId: recipient.id, kind: row.kind });
    const mailContext: MailContext = {
      language,
      recipientName: recipient.displayName,
      title,
      link,
      startsAt: when ? new Date(when.startsAt) : undefined,
      endsAt: when ? new Date(when.endsAt) : undefined,
      previousStartsAt: before ? new Date(before.startsAt) : undefined,
      previousEndsAt: before ? new Date(before.endsAt) : undefined,
      people: meeting?.peopleIds.filter((id) => id !== recipient.id).map((id) => name(id)!),
      from: name(event.fromId),
      to: name(event.toId),
      message: event.message,
      // Meetings ended with their session, and the session's own cancellation: the organiser's reason.
      reason:
        meeting?.sessionCancelled || row.kind === NotificationKind.SESSION_CANCELLED
          ? session!.cancelReason
          : event.reason,
      scheduled: event.scheduled,
      action: action?.description,
      unsubscribeUrl: unsubscribeUrl ?? undefined,
      expiresAt: event.expiresAt ? new Date(event.expiresAt) : undefined,
      backer: event.proposal?.backer,
      coOrganiser: event.proposal?.coOrganiser,
    };
    const mail = renderMail(row.kind, mailContext);
    const ics = (version: MeetingVersion, method: CalendarMethod) => {
      const uid = version.uid ?? meetingUid(version.id);
      const key = `${uid}|${version.sequence}|${method}|${language}|${row.createdAt.getTime()}|${recipient.id}`;
      let calendar = calendars.get(key);
      if (!calendar) {
        calendar = meetingCalendar(
          {
            uid,
            sequence: version.sequence,
            startsAt: new Date(version.startsAt),
            endsAt: new Date(version.endsAt),
            summary: message(language, 'ics.summary', { title }),
            description: message(language, 'ics.description', {
              title,
              link,
              when: whenFiller(new Date(version.startsAt), new Date(version.endsAt), language),
            }),
            url: link,
            organiser: mailbox(this.config.mailFrom),
            // By name only: the recipient's own address, and the addresses of those who chose to share theirs.
            attendees: version.peopleIds
              .map((id) => users.get(id))
              .filter((u): u is UserEntity => Boolean(u))
              .map((u) => ({
                name: u.displayName,
                email: u.id === recipient.id || u.shareEmail ? u.email : maskedAddress(uid, u.id),
              })),
            tentative: version.tentative,
          },
          method,
          row.createdAt,
        );
        calendars.set(key, calendar);
      }
      return calendar;
    };
    return outgoing(row, recipient.email, recipient.id, language, mail, {
      ics: meeting && event.method ? ics(meeting, event.method) : null,
      icsMethod: meeting ? (event.method ?? null) : null,
      icsReplaced: event.previous && event.cancelPrevious ? ics(event.previous, CalendarMethod.CANCEL) : null,
      unsubscribeUrl,
    });
  }

  /**
   * About the account itself, in the holder's language: someone tried to sign up with its address
   * (where to sign in or reset the password), or the link that confirms the address.
   */
  private renderAccountNotice(
    row: OutboxMessageEntity,
    event: OutboxEvent,
    { users }: RenderContext,
  ): OutgoingMail | null {
    const recipient = row.recipientId ? users.get(row.recipientId) : undefined;
    if (!recipient?.passwordHash) return null; // erased meanwhile
    const language = recipient.preferredLanguage === Language.cy ? Language.cy : Language.en;
    const base = `${this.config.publicUrl.replace(/\/$/, '')}/${language}`;
    const mail =
      row.kind === NotificationKind.EMAIL_CONFIRMATION
        ? renderMail(row.kind, {
            language,
            recipientName: recipient.displayName,
            title: '',
            link: event.confirmUrl ?? REMOVED_LINK,
            expiresAt: event.expiresAt ? new Date(event.expiresAt) : undefined,
          })
        : renderMail(row.kind, {
            language,
            recipientName: recipient.displayName,
            title: '',
            link: `${base}/sign-in`,
            to: `${base}/forgot-password`,
          });
    return outgoing(row, recipient.email, recipient.id, language, mail);
  }

  /**
   * In both languages: an invitation (the invitee has no account, so no known language) or a
   * password-reset link (to an account; whoever forgot may be on someone else's device).
   */
  private renderBilingual(row: OutboxMessageEntity, event: OutboxEvent, { users }: RenderContext): OutgoingMail | null {
    const recipient = row.recipientId ? users.get(row.recipientId) : undefined;
    const to = row.recipientAddress ?? recipient?.email;
    if (!to) return null;
    const mail = renderBilingualMail(row.kind, {
      recipientName: recipient?.displayName ?? '',
      title: '',
      from: (event.fromId && users.get(event.fromId)?.displayName) || 'Cyswllt',
      link: event.invitationUrl ?? event.resetUrl ?? REMOVED_LINK,
      expiresAt: event.expiresAt ? new Date(event.expiresAt) : undefined,
    });
    return outgoing(row, to, recipient?.id ?? null, null, mail);
  }
}

type MailExtras = Pick<OutgoingMail, 'ics' | 'icsMethod' | 'icsReplaced' | 'unsubscribeUrl'>;

/** An outbox row's rendered e-mail; without a calendar or an unsubscribe link unless `extras` gives them. */
function outgoing(
  row: OutboxMessageEntity,
  to: string,
  recipientId: string | null,
  language: Language | null,
  mail: RenderedMail,
  extras?: MailExtras,
): OutgoingMail {
  return {
    id: row.id,
    kind: row.kind,
    recipientId,
    to,
    language,
    subject: mail.subject.slice(0, 300),
    text: mail.text,
    html: mail.html,
    ...(extras ?? { ics: null, icsMethod: null, icsReplaced: null, unsubscribeUrl: null }),
  };
}

/** Stands in for an invitation's or reset's link, which holds its secret: shown only in the e-mail itself. */
const REMOVED_LINK = '—';

interface RenderContext {
  users: Map<string, UserEntity>;
  sessions: Map<string, ThemedSessionEntity>;
  actions: Map<string, FollowUpActionEntity>;
  /** Each .ics once per meeting version, method, language, stamp and recipient (whose own address it shows). */
  calendars: Map<string, string>;
}
