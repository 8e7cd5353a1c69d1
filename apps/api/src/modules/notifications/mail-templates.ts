import { DateTime } from 'luxon';
import { Language } from '../../core/auth/role';
import { SESSION_ZONE } from '../events/slot-grid';
import { message, MessageKey } from './mail-messages';
import { NotificationKind } from './notifications.enums';

/** What a template may say; every text is already in the recipient's language. */
export interface MailContext {
  language: Language;
  recipientName: string;
  /** The session's title in the recipient's language. */
  title: string;
  startsAt?: Date;
  endsAt?: Date;
  /** For reschedules: when the meeting was before. */
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
};

/** "Monday 29 March 2027, 10:00–10:30" in Europe/London wall time, in the reader's language. */
export function formatWhen(startsAt: Date, endsAt: Date | undefined, language: Language): string {
  const locale = language === Language.cy ? 'cy' : 'en-GB';
  const start = DateTime.fromJSDate(startsAt, { zone: SESSION_ZONE }).setLocale(locale);
  const day = start.toFormat('cccc d LLLL yyyy, HH:mm');
  if (!endsAt) return day;
  return `${day}–${DateTime.fromJSDate(endsAt, { zone: SESSION_ZONE }).toFormat('HH:mm')}`;
}

/** Subject, plain text and HTML body of one e-mail. */
export function renderMail(kind: NotificationKind, ctx: MailContext): RenderedMail {
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
  };
  const paragraphs: string[] = [t(`${prefix}.intro`, values)];
  if (kind === NotificationKind.REQUESTED) paragraphs.push(t('requested.action'));
  if (kind === NotificationKind.ACCEPTED) paragraphs.push(t(ctx.scheduled ? 'accepted.scheduled' : 'accepted.awaiting'));
  if (kind === NotificationKind.DECLINED && ctx.reason) paragraphs.push(t('declined.reason', values));
  if (kind === NotificationKind.CANCELLED && ctx.reason) paragraphs.push(t('cancelled.reason', values));
  const details = [t('common.session', values)];
  if (ctx.startsAt) details.push(t('common.when', values));
  if (ctx.people && ctx.people.length > 0) details.push(t('common.with', values));
  paragraphs.push(details.join('\n'));
  const calendar = ctx.startsAt && [NotificationKind.BOOKED, NotificationKind.ACCEPTED, NotificationKind.CANCELLED, NotificationKind.RESCHEDULED, NotificationKind.PROPOSED].includes(kind);
  if (calendar) paragraphs.push(t('common.calendar'));
  paragraphs.push(t('common.link', values));

  const subject = t(`${prefix}.subject`, values).replace(/,\s*$/, '');
  const greeting = t('common.greeting', values);
  const footer = t('common.footer');
  const text = [greeting, ...paragraphs, '--', footer].join('\n\n') + '\n';
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br>')}</p>`),
    `<hr><p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
