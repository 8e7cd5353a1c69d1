import { DateTime } from 'luxon';
import { Language } from '../../core/auth/role';
import { SESSION_ZONE } from '../events/slot-grid';
import { message, MessageKey } from './mail-messages';
import { NotificationKind, SESSION_CHANGE_KINDS } from './notifications.enums';

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
}

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
  [NotificationKind.REMINDER_DAY]: 'reminderDay',
  [NotificationKind.REMINDER_SOON]: 'reminderSoon',
  [NotificationKind.NUDGE]: 'nudge',
  [NotificationKind.ACTION_DUE]: 'actionDue',
  [NotificationKind.SESSION_MOVED]: 'sessionMoved',
  [NotificationKind.SESSION_END_CHANGED]: 'sessionEndChanged',
  [NotificationKind.SESSION_CANCELLED]: 'sessionCancelled',
  [NotificationKind.INVITATION]: 'invitation',
  [NotificationKind.PASSWORD_RESET]: 'passwordReset',
};

/** "Monday 29 March 2027, 10:00–10:30" in Europe/London wall time, in the reader's language. */
export function formatWhen(startsAt: Date, endsAt: Date | undefined, language: Language): string {
  const locale = language === Language.cy ? 'cy' : 'en-GB';
  const start = DateTime.fromJSDate(startsAt, { zone: SESSION_ZONE }).setLocale(locale);
  const day = start.toFormat('cccc d LLLL yyyy, HH:mm');
  if (!endsAt) return day;
  return `${day}–${DateTime.fromJSDate(endsAt, { zone: SESSION_ZONE }).toFormat('HH:mm')}`;
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
  const prefix = PREFIX[kind];
  const t = (key: string, values: Record<string, string> = {}) => message(lang, key as MessageKey, values);
  const values: Record<string, string> = {
    name: ctx.recipientName,
    title: ctx.title,
    when: ctx.startsAt ? formatWhen(ctx.startsAt, ctx.endsAt, lang) : '',
    previousWhen: ctx.previousStartsAt ? formatWhen(ctx.previousStartsAt, ctx.previousEndsAt, lang) : '',
    from: ctx.from ?? '',
    to: ctx.to ?? '',
    message: ctx.message ?? '',
    reason: ctx.reason ?? '',
    people: (ctx.people ?? []).join(', '),
    link: ctx.link,
    unsubscribe: ctx.unsubscribeUrl ?? '',
    action: ctx.action ?? '',
    expires: ctx.expiresAt ? formatWhen(ctx.expiresAt, undefined, lang) : '',
  };
  const subject = t(`${prefix}.subject`, values).replace(/,\s*$/, '');
  const footer = [t('common.footer'), ...(ctx.unsubscribeUrl ? [t('common.unsubscribe', values)] : [])].join('\n');
  // An invitation goes to someone without an account yet: no session, no agenda, the link is the point.
  if (kind === NotificationKind.INVITATION) {
    return { language: lang, subject, greeting: t('invitation.greeting'), paragraphs: [t('invitation.intro', values), t('invitation.action', values)], footer };
  }
  if (kind === NotificationKind.PASSWORD_RESET) {
    return { language: lang, subject, greeting: t('common.greeting', values), paragraphs: [t('passwordReset.intro'), t('passwordReset.action', values), t('passwordReset.ignore')], footer: t('passwordReset.footer') };
  }
  const paragraphs: string[] = [t(`${prefix}.intro`, values)];
  if (kind === NotificationKind.REQUESTED) paragraphs.push(t('requested.action'));
  if (kind === NotificationKind.NUDGE) paragraphs.push(t('nudge.action'));
  if (kind === NotificationKind.ACTION_DUE) paragraphs.push(t('actionDue.action'));
  if (kind === NotificationKind.ACCEPTED) paragraphs.push(t(ctx.scheduled ? 'accepted.scheduled' : 'accepted.awaiting'));
  if (kind === NotificationKind.DECLINED && ctx.reason) paragraphs.push(t('declined.reason', values));
  if (kind === NotificationKind.CANCELLED && ctx.reason) paragraphs.push(t('cancelled.reason', values));
  if (kind === NotificationKind.SESSION_CANCELLED && ctx.reason) paragraphs.push(t('sessionCancelled.reason', values));
  const details = [t('common.session', values)];
  if (ctx.startsAt) details.push(t('common.when', values));
  if (ctx.people && ctx.people.length > 0) details.push(t('common.with', values));
  paragraphs.push(details.join('\n'));
  const calendar = ctx.startsAt && [NotificationKind.BOOKED, NotificationKind.ACCEPTED, NotificationKind.CANCELLED, NotificationKind.RESCHEDULED, NotificationKind.PROPOSED].includes(kind);
  if (calendar) paragraphs.push(t('common.calendar'));
  const linkKey = kind === NotificationKind.ACTION_DUE ? 'actionDue.link' : SESSION_CHANGE_KINDS.has(kind) ? 'common.sessionLink' : 'common.link';
  paragraphs.push(t(linkKey, values));
  return { language: lang, subject, greeting: t('common.greeting', values), paragraphs, footer };
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
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
