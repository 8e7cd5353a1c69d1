import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { createHash } from 'node:crypto';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { inRepeatedHour, SESSION_ZONE } from '../events/slot-grid';
import { CalendarMethod } from './notifications.enums';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarMeeting {
  /** The booking's calendar event (UID), the same for every update, reschedule and the cancellation. */
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  url: string;
  /** The platform's no-reply mailbox (MAIL_FROM), never a person's address. */
  organiser: CalendarPerson;
  /** Everyone in the meeting, each with the address the recipient may see (their own, a shared one, or maskedAddress). */
  attendees: CalendarPerson[];
  /** PROPOSED meetings are TENTATIVE until everyone confirms. */
  tentative?: boolean;
}

/** getVtimezoneComponent builds the same VTIMEZONE text on every call: keep it per zone. */
const vtimezones = new Map<string, string | null>();
function vtimezone(zone: string): string | null {
  if (!vtimezones.has(zone)) vtimezones.set(zone, getVtimezoneComponent(zone) ?? null);
  return vtimezones.get(zone)!;
}

/**
 * A non-deliverable address for one person in one calendar event (the reserved .invalid domain,
 * RFC 2606): stable across the event's updates, different in every other event, so it tells
 * nobody anything. ATTENDEE lines need an address; other people see a person by name and this.
 */
export function maskedAddress(uid: string, userId: string): string {
  return `person-${createHash('sha256').update(`${uid}\n${userId}`).digest('hex').slice(0, 16)}@cyswllt.invalid`;
}

/** "Cyswllt <no-reply@cyswllt.invalid>" (MAIL_FROM) as the calendar's ORGANIZER. */
export function mailbox(from: string): CalendarPerson {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'Cyswllt', email: match[2]! } : { name: 'Cyswllt', email: from.trim() };
}

/** A meeting in a calendar feed: no attendees (the feed's URL is a bearer secret), its status shown. */
export interface FeedMeeting extends Omit<CalendarMeeting, 'organiser' | 'attendees'> {
  cancelled: boolean;
  /** When the meeting last changed (DTSTAMP). */
  updatedAt: Date;
}

const london = (instant: Date) => DateTime.fromJSDate(instant, { zone: SESSION_ZONE });

function newCalendar(method: ICalCalendarMethod | undefined, name?: string) {
  return ical({
    prodId: { company: 'Cyswllt', product: 'cyswllt', language: 'EN' },
    ...(method ? { method } : {}),
    ...(name ? { name } : {}),
    timezone: { name: SESSION_ZONE, generator: vtimezone },
  });
}

function eventTimes(
  meeting: Pick<CalendarMeeting, 'uid' | 'sequence' | 'startsAt' | 'endsAt' | 'summary' | 'description' | 'url'>,
) {
  return {
    id: meeting.uid,
    sequence: meeting.sequence,
    start: london(meeting.startsAt),
    end: london(meeting.endsAt),
    timezone: SESSION_ZONE,
    summary: meeting.summary,
    description: meeting.description,
    url: meeting.url,
  };
}

const UTC_FORMAT = "yyyyMMdd'T'HHmmss'Z'";
const utc = (instant: Date) => DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat(UTC_FORMAT);

/**
 * The times ical-generator cannot write as RFC 5545 wants, rewritten per VEVENT (in order):
 * DTSTAMP in UTC (§3.8.7.2; it writes it in the calendar's zone without one), and a DTSTART or
 * DTEND in the repeated hour of the autumn change in UTC, where every reader agrees (§3.3.5 reads
 * a repeated local time as its first occurrence; node-ical takes the second). Others keep TZID.
 */
function settleTimes(ics: string, events: { startsAt: Date; endsAt: Date; stamp: Date }[]): string {
  let index = 0;
  return ics.replace(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g, (block) => {
    const event = events[index++]!;
    return block
      .split('\r\n')
      .map((line) => {
        if (line.startsWith('DTSTAMP')) return `DTSTAMP:${utc(event.stamp)}`;
        if (line.startsWith('DTSTART;') && inRepeatedHour(event.startsAt)) return `DTSTART:${utc(event.startsAt)}`;
        if (line.startsWith('DTEND;') && inRepeatedHour(event.endsAt)) return `DTEND:${utc(event.endsAt)}`;
        return line;
      })
      .join('\r\n');
  });
}

/**
 * One meeting as an iCalendar object (RFC 5545/5546): METHOD REQUEST for a new or changed meeting,
 * CANCEL for a cancelled one; TZID Europe/London with its VTIMEZONE (UTC in the repeated autumn
 * hour); SEQUENCE = meeting.sequence; DTSTAMP in UTC.
 *
 * Times are passed as Luxon DateTimes in Europe/London, never plain Dates: given a Date,
 * ical-generator writes its wall time in the process's zone under the TZID (docs/development.md#known-traps, the
 * time-zone trap).
 */
export function meetingCalendar(meeting: CalendarMeeting, method: CalendarMethod, stamp: Date): string {
  const calendar = newCalendar(
    method === CalendarMethod.CANCEL ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  );
  calendar.createEvent({
    ...eventTimes(meeting),
    stamp: london(stamp),
    status:
      method === CalendarMethod.CANCEL
        ? ICalEventStatus.CANCELLED
        : meeting.tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
    organizer: { name: meeting.organiser.name, email: meeting.organiser.email },
    attendees: meeting.attendees.map((person) => ({
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      status: method === CalendarMethod.CANCEL ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
      // Replies would go to the no-reply ORGANIZER: answers are given in the app.
      rsvp: false,
    })),
  });
  return settleTimes(calendar.toString(), [{ startsAt: meeting.startsAt, endsAt: meeting.endsAt, stamp }]);
}

/**
 * A person's agenda as a subscribable calendar feed: no METHOD (it is published, not an
 * invitation), the same UID and SEQUENCE as the e-mailed invitations so the entries replace each
 * other, and a cancelled meeting kept as STATUS:CANCELLED.
 */
export function agendaCalendar(name: string, meetings: FeedMeeting[]): string {
  const calendar = newCalendar(undefined, name);
  const events = latestPerEvent(meetings);
  for (const meeting of events) {
    calendar.createEvent({
      ...eventTimes(meeting),
      stamp: london(meeting.updatedAt),
      status: meeting.cancelled
        ? ICalEventStatus.CANCELLED
        : meeting.tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
    });
  }
  return settleTimes(
    calendar.toString(),
    events.map((m) => ({ startsAt: m.startsAt, endsAt: m.endsAt, stamp: m.updatedAt })),
  );
}

/**
 * A rescheduled booking is several meeting rows (the replaced ones CANCELLED) but one calendar
 * event: the feed shows each UID once, as its latest version (highest SEQUENCE; a live row over
 * the cancelled one it replaced, which carries the same SEQUENCE).
 */
function latestPerEvent(meetings: FeedMeeting[]): FeedMeeting[] {
  const latest = new Map<string, FeedMeeting>();
  const rank = (m: FeedMeeting) => m.sequence * 2 + (m.cancelled ? 0 : 1);
  for (const meeting of meetings) {
    const kept = latest.get(meeting.uid);
    if (!kept || rank(meeting) > rank(kept)) latest.set(meeting.uid, meeting);
  }
  return meetings.filter((m) => latest.get(m.uid) === m);
}
