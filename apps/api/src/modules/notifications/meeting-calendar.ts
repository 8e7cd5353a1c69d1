import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { SESSION_ZONE } from '../events/slot-grid';
import { CalendarMethod } from './notifications.enums';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarMeeting {
  id: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  url: string;
  organiser: CalendarPerson;
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

/** The stable UID of a meeting's calendar event: the same for every update and the cancellation. */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@cyswllt`;
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

function eventTimes(meeting: Pick<CalendarMeeting, 'id' | 'sequence' | 'startsAt' | 'endsAt' | 'summary' | 'description' | 'url'>) {
  return {
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    start: london(meeting.startsAt),
    end: london(meeting.endsAt),
    timezone: SESSION_ZONE,
    summary: meeting.summary,
    description: meeting.description,
    url: meeting.url,
  };
}

/**
 * One meeting as an iCalendar object (RFC 5545/5546): METHOD REQUEST for a new or changed meeting,
 * CANCEL for a cancelled one; TZID Europe/London with its VTIMEZONE; SEQUENCE = meeting.sequence.
 *
 * Times are passed as Luxon DateTimes in Europe/London, never plain Dates: given a Date,
 * ical-generator writes its wall time in the process's zone under the TZID (STACK.md, the
 * time-zone trap).
 */
export function meetingCalendar(meeting: CalendarMeeting, method: CalendarMethod, stamp: Date): string {
  const calendar = newCalendar(method === CalendarMethod.CANCEL ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  calendar.createEvent({
    ...eventTimes(meeting),
    stamp: london(stamp),
    status: method === CalendarMethod.CANCEL ? ICalEventStatus.CANCELLED : meeting.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    organizer: { name: meeting.organiser.name, email: meeting.organiser.email },
    attendees: meeting.attendees.map((person) => ({
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      status: method === CalendarMethod.CANCEL ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
      rsvp: method !== CalendarMethod.CANCEL,
    })),
  });
  return calendar.toString();
}

/**
 * A person's agenda as a subscribable calendar feed: no METHOD (it is published, not an
 * invitation), the same UID and SEQUENCE as the e-mailed invitations so the entries replace each
 * other, and a cancelled meeting kept as STATUS:CANCELLED.
 */
export function agendaCalendar(name: string, meetings: FeedMeeting[]): string {
  const calendar = newCalendar(undefined, name);
  for (const meeting of meetings) {
    calendar.createEvent({
      ...eventTimes(meeting),
      stamp: london(meeting.updatedAt),
      status: meeting.cancelled ? ICalEventStatus.CANCELLED : meeting.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
