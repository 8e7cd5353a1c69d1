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

/**
 * One meeting as an iCalendar object (RFC 5545/5546): METHOD REQUEST for a new or changed meeting,
 * CANCEL for a cancelled one; TZID Europe/London with its VTIMEZONE; SEQUENCE = meeting.sequence.
 *
 * Times are passed as Luxon DateTimes in Europe/London, never plain Dates: given a Date,
 * ical-generator writes its wall time in the process's zone under the TZID (STACK.md, the
 * time-zone trap).
 */
export function meetingCalendar(meeting: CalendarMeeting, method: CalendarMethod, stamp: Date): string {
  const calendar = ical({
    prodId: { company: 'Cyswllt', product: 'cyswllt', language: 'EN' },
    method: method === CalendarMethod.CANCEL ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: SESSION_ZONE, generator: vtimezone },
  });
  const london = (instant: Date) => DateTime.fromJSDate(instant, { zone: SESSION_ZONE });
  calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    stamp: london(stamp),
    start: london(meeting.startsAt),
    end: london(meeting.endsAt),
    timezone: SESSION_ZONE,
    summary: meeting.summary,
    description: meeting.description,
    url: meeting.url,
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
