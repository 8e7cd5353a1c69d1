import { DateTime } from 'luxon';
import { Language } from '../../core/auth/role';
import { MUTATIONS, WEEKDAY_FORMS, type Filler, type Mutation, type WelshForms } from '../../core/i18n/welsh';
import { SESSION_ZONE, ukTimeLabel } from '../events/slot-grid';
import { message, MessageKey } from './mail-messages';
import { NotificationKind, SESSION_PAGE_KINDS } from './notifications.enums';

/** What a template may say; every text is already in the recipient's language. */
export interface MailContext {
  language: Language;
  recipientName: string;
  /** The session's title in the recipient's language. */
  title: string;
  startsAt?: Date;
  endsAt?: Date;
  /** For reschedules and session moves: when the meeting (or session) was before. */
  previousStartsAt?: Date;
  previousEndsAt?: Date;
  /** The other people in the meeting. */
  people?: string[];
  from?: string;
  to?: string;
  message?: string;
  reason?: string | null;
  /** ACCEPTED: a meeting was made at once (else the auto-schedule will place it). */
  scheduled?: boolean;
  link: string;
  /** Optional kinds: where one click stops this kind of e-mail. */
  unsubscribeUrl?: string;
  /** ACTION_DUE: what the follow-up action is. */
  action?: string;
  /** INVITATION: until when the link works. */
  expiresAt?: Date;
  /** PROPOSAL_*: the recipient backed the proposal (rather than made it). */
  backer?: boolean;
  /** PROPOSAL_ACCEPTED: the proposer now co-organises the session. */
  coOrganiser?: boolean;
}

/** The decision on a proposal, as its backers hear of it. */
const BACKER_PREFIX: Partial<Record<NotificationKind, string>> = {
  [NotificationKind.PROPOSAL_ACCEPTED]: 'proposalBackedAccepted',
  [NotificationKind.PROPOSAL_DECLINED]: 'proposalBackedDeclined',
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const PREFIX: Record<NotificationKind, string> = {
  [NotificationKind.BOOKED]: 'booked',
  [NotificationKind.REQUESTED]: 'requested',
  [NotificationKind.ACCEPTED]: 'accepted',
  [NotificationKind.DECLINED]: 'declined',
  [NotificationKind.CANCELLED]: 'cancelled',
  [NotificationKind.RESCHEDULED]: 'rescheduled',
  [NotificationKind.PROPOSED]: 'proposed',
  [NotificationKind.CONFIRMED]: 'confirmed',
  [NotificationKind.REMINDER_DAY]: 'reminderDay',
  [NotificationKind.REMINDER_SOON]: 'reminderSoon',
  [NotificationKind.NUDGE]: 'nudge',
  [NotificationKind.REQUEST_EXPIRED]: 'requestExpired',
  [NotificationKind.ACTION_DUE]: 'actionDue',
  [NotificationKind.SESSION_MOVED]: 'sessionMoved',
  [NotificationKind.SESSION_END_CHANGED]: 'sessionEndChanged',
  [NotificationKind.SESSION_CANCELLED]: 'sessionCancelled',
  [NotificationKind.PARTICIPANT_REMOVED]: 'participantRemoved',
  [NotificationKind.PARTICIPANT_RESTORED]: 'participantRestored',
  [NotificationKind.PROPOSAL_ACCEPTED]: 'proposalAccepted',
  [NotificationKind.PROPOSAL_DECLINED]: 'proposalDeclined',
  [NotificationKind.INVITATION]: 'invitation',
  [NotificationKind.PASSWORD_RESET]: 'passwordReset',
  [NotificationKind.SIGN_UP_ATTEMPT]: 'signUpAttempt',
  [NotificationKind.STANDBY_OFFERED]: 'standbyOffered',
  [NotificationKind.GUEST_LEFT]: 'guestLeft',
  [NotificationKind.EMAIL_CONFIRMATION]: 'emailConfirmation',
  [NotificationKind.WAITING_LIST_PLACED]: 'waitingListPlaced',
};

/**
 * "Monday 29 March 2027, 10:00–10:30" in Europe/London wall time, in the reader's language; a
 * time in the repeated hour of the autumn change says which ("01:30 BST", "01:30 GMT"). In Welsh
 * the weekday is written as inside a sentence, in the form given ("dydd Llun", "ddydd Llun").
 */
export function formatWhen(
  startsAt: Date,
  endsAt: Date | undefined,
  language: Language,
  form: Mutation = 'radical',
): string {
  const local = DateTime.fromJSDate(startsAt, { zone: SESSION_ZONE });
  const date =
    language === Language.cy
      ? `${WEEKDAY_FORMS[local.weekday as keyof typeof WEEKDAY_FORMS][form]} ${local.setLocale('cy').toFormat('d LLLL yyyy')}`
      : local.setLocale('en-GB').toFormat('cccc d LLLL yyyy');
  const day = `${date}, ${ukTimeLabel(startsAt)}`;
  return endsAt ? `${day}–${ukTimeLabel(endsAt)}` : day;
}

/** A time as a placeholder's value: in Welsh with its four forms, so that the sentence picks one ("o ddydd Llun"). */
export function whenFiller(startsAt: Date, endsAt: Date | undefined, language: Language): Filler {
  if (language !== Language.cy) return formatWhen(startsAt, endsAt, language);
  return Object.fromEntries(
    MUTATIONS.map((form) => [form, formatWhen(startsAt, endsAt, language, form)]),
  ) as WelshForms;
}

/** One language's texts of an e-mail, before they are laid out as text and HTML. */
interface MailParts {
  language: Language;
  subject: string;
  greeting: string;
  paragraphs: string[];
  footer: string;
}

function mailParts(kind: NotificationKind, ctx: MailContext): MailParts {
  const lang = ctx.language;
  const prefix = (ctx.backer ? BACKER_PREFIX[kind] : undefined) ?? PREFIX[kind];
  const t = (key: string, values: Record<string, Filler> = {}) => message(lang, key as MessageKey, values);
  // What people wrote (names, titles, messages, reasons, actions): never made into links.
  const written: Record<string, string> = {
    name: ctx.recipientName,
    title: ctx.title,
    from: ctx.from ?? '',
    to: ctx.to ?? '',
    message: ctx.message ?? '',
    reason: ctx.reason ?? '',
    people: (ctx.people ?? []).join(', '),
    action: ctx.action ?? '',
  };
  const ours: Record<string, Filler> = {
    when: ctx.startsAt ? whenFiller(ctx.startsAt, ctx.endsAt, lang) : '',
    previousWhen: ctx.previousStartsAt ? whenFiller(ctx.previousStartsAt, ctx.previousEndsAt, lang) : '',
    link: ctx.link,
    unsubscribe: ctx.unsubscribeUrl ?? '',
    expires: ctx.expiresAt ? whenFiller(ctx.expiresAt, undefined, lang) : '',
  };
  const values = { ...mapValues(written, withoutLinks), ...ours };
  const subjectValues = { ...mapValues(written, (text) => oneLine(withoutLinks(text), SUBJECT_FIELD_MAX)), ...ours };
  const subject = oneLine(t(`${prefix}.subject`, subjectValues).replace(/,\s*$/, ''), SUBJECT_MAX);
  const footer = [t('common.footer'), ...(ctx.unsubscribeUrl ? [t('common.unsubscribe', values)] : [])].join('\n');
  // An invitation goes to someone without an account yet: no session, no agenda, the link is the point.
  if (kind === NotificationKind.INVITATION) {
    return {
      language: lang,
      subject,
      greeting: t('invitation.greeting'),
      paragraphs: [t('invitation.intro', values), t('invitation.action', values)],
      footer,
    };
  }
  if (kind === NotificationKind.PASSWORD_RESET) {
    return {
      language: lang,
      subject,
      greeting: t('common.greeting', values),
      paragraphs: [t('passwordReset.intro'), t('passwordReset.action', values), t('passwordReset.ignore')],
      footer: t('passwordReset.footer'),
    };
  }
  // A security notice about the account itself: no session; where to sign in or reset the password.
  if (kind === NotificationKind.SIGN_UP_ATTEMPT) {
    return {
      language: lang,
      subject,
      greeting: t('common.greeting', values),
      paragraphs: [t('signUpAttempt.intro'), t('signUpAttempt.action', values), t('signUpAttempt.ignore')],
      footer: t('common.footer'),
    };
  }
  if (kind === NotificationKind.EMAIL_CONFIRMATION) {
    return {
      language: lang,
      subject,
      greeting: t('common.greeting', values),
      paragraphs: [t('emailConfirmation.intro'), t('emailConfirmation.action', values), t('emailConfirmation.ignore')],
      footer: t('common.footer'),
    };
  }
  const paragraphs: string[] = [t(`${prefix}.intro`, values)];
  // A theme proposal is not a session yet: its title, the organiser's reason, the proposals page.
  if (kind === NotificationKind.PROPOSAL_ACCEPTED || kind === NotificationKind.PROPOSAL_DECLINED) {
    if (kind === NotificationKind.PROPOSAL_DECLINED && ctx.reason)
      paragraphs.push(t('proposalDeclined.reason', values));
    if (kind === NotificationKind.PROPOSAL_ACCEPTED && ctx.coOrganiser && !ctx.backer)
      paragraphs.push(t('proposalAccepted.coOrganiser'));
    paragraphs.push(t(ctx.backer ? 'proposal.linkBacked' : 'proposal.link', values));
    return { language: lang, subject, greeting: t('common.greeting', values), paragraphs, footer };
  }
  if (kind === NotificationKind.REQUESTED) paragraphs.push(t('requested.action'));
  if (kind === NotificationKind.NUDGE) paragraphs.push(t('nudge.action'));
  if (kind === NotificationKind.ACTION_DUE) paragraphs.push(t('actionDue.action'));
  if (kind === NotificationKind.ACCEPTED)
    paragraphs.push(t(ctx.scheduled ? 'accepted.scheduled' : 'accepted.awaiting'));
  if (kind === NotificationKind.DECLINED && ctx.reason) paragraphs.push(t('declined.reason', values));
  if ((kind === NotificationKind.CANCELLED || kind === NotificationKind.GUEST_LEFT) && ctx.reason)
    paragraphs.push(t('cancelled.reason', values));
  if (kind === NotificationKind.SESSION_CANCELLED && ctx.reason) paragraphs.push(t('sessionCancelled.reason', values));
  const details = [t('common.session', values)];
  if (ctx.startsAt) details.push(t('common.when', values));
  if (ctx.people && ctx.people.length > 0) details.push(t('common.with', values));
  paragraphs.push(details.join('\n'));
  const calendar =
    ctx.startsAt &&
    [
      NotificationKind.BOOKED,
      NotificationKind.ACCEPTED,
      NotificationKind.CANCELLED,
      NotificationKind.RESCHEDULED,
      NotificationKind.PROPOSED,
      NotificationKind.CONFIRMED,
    ].includes(kind);
  if (calendar) paragraphs.push(t('common.calendar'));
  const linkKey =
    kind === NotificationKind.ACTION_DUE
      ? 'actionDue.link'
      : SESSION_PAGE_KINDS.has(kind) || kind === NotificationKind.STANDBY_OFFERED
        ? 'common.sessionLink'
        : 'common.link';
  paragraphs.push(t(linkKey, values));
  return { language: lang, subject, greeting: t('common.greeting', values), paragraphs, footer };
}

const SUBJECT_MAX = 160;
const SUBJECT_FIELD_MAX = 60;

function mapValues(values: Record<string, string>, f: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, f(value)]));
}

/** A web address's scheme ("https://"), "www." and host names with a dot ("evil.example", "me@evil.example"). */
const LINK_LIKE = /\b([a-z][a-z0-9+.-]*):\/\/|\b(?:[\p{L}\p{N}_-]+\.)+[\p{L}][\p{L}\p{N}-]+\b/giu;

/**
 * Someone's own words as plain text that no mail client turns into a link: the scheme's colon and
 * every dot of a host name are shown in brackets ("http[:]//evil[.]example"), visible characters
 * only (no zero-width tricks), so a reader sees exactly what was written and cannot click it.
 */
export function withoutLinks(text: string): string {
  return text.replace(LINK_LIKE, (match: string, scheme: string | undefined) =>
    scheme ? `${scheme}[:]//` : match.replace(/\./g, '[.]'),
  );
}

/** One line for a header: no control, format or line-separator characters, at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const line = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...line];
  return chars.length <= max
    ? line
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function asText(parts: MailParts): string {
  return [parts.greeting, ...parts.paragraphs, '--', parts.footer].join('\n\n') + '\n';
}

function asHtmlSection(parts: MailParts): string {
  return [
    `<div lang="${parts.language}">`,
    `<p>${escapeHtml(parts.greeting)}</p>`,
    ...parts.paragraphs.map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br>')}</p>`),
    `<hr><p><small>${linkify(escapeHtml(parts.footer)).replace(/\n/g, '<br>')}</small></p>`,
    '</div>',
  ].join('\n');
}

function asHtml(lang: string, subject: string, sections: MailParts[]): string {
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...sections.map(asHtmlSection),
    '</body></html>',
  ].join('\n');
}

/** Subject, plain text and HTML body of one e-mail. */
export function renderMail(kind: NotificationKind, ctx: MailContext): RenderedMail {
  const parts = mailParts(kind, ctx);
  return { subject: parts.subject, text: asText(parts), html: asHtml(ctx.language, parts.subject, [parts]) };
}

/** For someone whose language is not known: Welsh first, then English, in one e-mail. */
export function renderBilingualMail(kind: NotificationKind, ctx: Omit<MailContext, 'language'>): RenderedMail {
  const both = [Language.cy, Language.en].map((language) => mailParts(kind, { ...ctx, language }));
  const subject = both.map((p) => p.subject).join(' / ');
  return { subject, text: both.map(asText).join('\n* * *\n\n'), html: asHtml(Language.cy, subject, both) };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
