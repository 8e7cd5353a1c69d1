import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { meetingUid } from '../booking/meeting-uid';
import { meetingCalendar } from './meeting-calendar';
import { CalendarMethod } from './notifications.enums';

const meeting = (startsAt: string, endsAt: string, sequence = 0) => ({
  uid: meetingUid('7f1d6c1e-0000-4000-8000-000000000001'),
  sequence,
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
  summary: 'Cyswllt: Dance and Parkinson’s',
  description: 'A meeting',
  url: 'http://localhost:3000/agenda',
  organiser: { name: 'Cyswllt', email: 'no-reply@cyswllt.invalid' },
  attendees: [
    { name: 'Host Person', email: 'host@example.test' },
    { name: 'Guest Person', email: 'guest@example.test' },
  ],
});

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('meetingCalendar (.ics)', () => {
  it('writes 10:00 London in summer time as 09:00Z, with TZID Europe/London and its VTIMEZONE', () => {
    const ics = meetingCalendar(
      meeting('2027-03-29T09:00:00Z', '2027-03-29T09:30:00Z', 3),
      CalendarMethod.REQUEST,
      new Date('2027-01-10T10:00:00Z'),
    );
    expect(ics).toContain('DTSTART;TZID=Europe/London:20270329T100000');
    const { calendar, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vtimezone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(vtimezone.getFirstPropertyValue('tzid')).toBe('Europe/London');
    ICAL.TimezoneService.register(vtimezone);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-29T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-29T09:30:00.000Z');
    // 05:00 in New York (EDT, UTC-4) that day.
    const ny = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(event.startDate.toJSDate());
    expect(ny).toBe('05:00');
    expect(event.uid).toBe(meetingUid('7f1d6c1e-0000-4000-8000-000000000001'));
    expect(event.sequence).toBe(3);
    expect(String(event.organizer).toLowerCase()).toBe('mailto:no-reply@cyswllt.invalid');
    // DTSTAMP in UTC (RFC 5545 §3.8.7.2), not London wall time.
    expect(ics).toContain('DTSTAMP:20270110T100000Z');
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      'mailto:host@example.test',
      'mailto:guest@example.test',
    ]);
  });

  it('writes 10:00 London in winter as 10:00Z', () => {
    const ics = meetingCalendar(
      meeting('2027-11-01T10:00:00Z', '2027-11-01T10:30:00Z'),
      CalendarMethod.REQUEST,
      new Date('2027-01-10T10:00:00Z'),
    );
    expect(ics).toContain('DTSTART;TZID=Europe/London:20271101T100000');
    const { calendar, event } = parse(ics);
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-11-01T10:00:00.000Z');
  });

  it('a cancellation is METHOD:CANCEL with STATUS:CANCELLED and the same UID', () => {
    const ics = meetingCalendar(
      meeting('2027-11-01T10:00:00Z', '2027-11-01T10:30:00Z', 1),
      CalendarMethod.CANCEL,
      new Date('2027-01-10T10:00:00Z'),
    );
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe('7f1d6c1e-0000-4000-8000-000000000001@cyswllt');
    expect(event.sequence).toBe(1);
  });

  it('writes a start and end in the repeated autumn hour in UTC, others with TZID', () => {
    for (const [start, end, startLine, endLine] of [
      ['2027-10-31T00:30:00Z', '2027-10-31T01:00:00Z', 'DTSTART:20271031T003000Z', 'DTEND:20271031T010000Z'],
      [
        '2027-10-31T01:30:00Z',
        '2027-10-31T02:00:00Z',
        'DTSTART:20271031T013000Z',
        'DTEND;TZID=Europe/London:20271031T020000',
      ],
      [
        '2027-10-30T23:30:00Z',
        '2027-10-31T00:30:00Z',
        'DTSTART;TZID=Europe/London:20271031T003000',
        'DTEND:20271031T003000Z',
      ],
    ] as const) {
      const ics = meetingCalendar(meeting(start, end), CalendarMethod.REQUEST, new Date('2027-07-01T12:00:00Z'));
      expect(ics).toContain(`${startLine}\r\n`);
      expect(ics).toContain(`${endLine}\r\n`);
      expect(ics).toContain('DTSTAMP:20270701T120000Z');
      const { calendar, event } = parse(ics);
      ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(start).toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(new Date(end).toISOString());
    }
  });
});
