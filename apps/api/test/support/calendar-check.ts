import ICAL from 'ical.js';
import ical from 'node-ical';
import { expect } from 'vitest';
import { ReceivedMail } from './smtp-sink';

/**
 * Every .ics the app writes, read back by two independent parsers (ical.js and node-ical): they
 * must agree on each event's instants, UID, SEQUENCE and DTSTAMP, and DTSTAMP must be in UTC.
 * Returns what both read, for the spec to compare with the database.
 */
export interface ReadEvent {
  method: string | null;
  uid: string;
  sequence: number;
  status: string;
  startsAt: string;
  endsAt: string;
  stamp: string;
  organizer: string;
  attendees: { cn: string; email: string }[];
  /** The unfolded text, for looking for addresses. */
  raw: string;
}

const address = (value: unknown) =>
  String(value)
    .replace(/^mailto:/i, '')
    .toLowerCase();

export function readCalendar(text: string): ReadEvent[] {
  const raw = text.replace(/\r\n[ \t]/g, '');
  for (const line of raw.split('\r\n').filter((l) => l.startsWith('DTSTAMP')))
    expect(line, 'DTSTAMP in UTC').toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);

  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const method = (calendar.getFirstPropertyValue('method') as string | null) ?? null;
  const byNodeIcal = ical.sync.parseICS(text);
  const nodeEvents = Object.values(byNodeIcal).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
  const vevents = calendar.getAllSubcomponents('vevent');
  expect(nodeEvents).toHaveLength(vevents.length);

  return vevents.map((vevent) => {
    const event = new ICAL.Event(vevent);
    const other = nodeEvents.find((e) => e.uid === event.uid);
    expect(other, `node-ical reads ${event.uid}`).toBeDefined();
    const read = {
      startsAt: event.startDate.toJSDate().toISOString(),
      endsAt: event.endDate.toJSDate().toISOString(),
      stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
    };
    // The two parsers agree on the instants (the repeated autumn hour is where they used not to).
    expect({
      startsAt: other!.start.toISOString(),
      endsAt: other!.end!.toISOString(),
      stamp: other!.dtstamp.toISOString(),
      sequence: Number(other!.sequence),
    }).toEqual({
      ...read,
      sequence: event.sequence,
    });
    return {
      method,
      uid: event.uid,
      sequence: event.sequence,
      status: String(vevent.getFirstPropertyValue('status')),
      ...read,
      organizer: address(vevent.getFirstPropertyValue('organizer')),
      attendees: vevent
        .getAllProperties('attendee')
        .map((a) => ({ cn: String(a.getParameter('cn')), email: address(a.getFirstValue()) })),
      raw,
    };
  });
}

/**
 * The .ics files of a received mail, each read by both parsers (one event each). The invitation
 * comes twice (the text/calendar alternative and the attachment): each distinct file once.
 */
export function calendarsOf(mail: ReceivedMail): { filename: string; event: ReadEvent }[] {
  const files = new Map(
    mail.parsed.attachments.filter((a) => a.filename?.endsWith('.ics')).map((a) => [a.content.toString('utf8'), a]),
  );
  return [...files.values()].map((a) => {
    const events = readCalendar(a.content.toString('utf8'));
    expect(events).toHaveLength(1);
    return { filename: a.filename!, event: events[0]! };
  });
}

/** Nothing in the mail (subject, bodies, .ics) shows any of these addresses. */
export function expectNoneOf(mail: ReceivedMail, addresses: string[]): void {
  const everything = [
    mail.parsed.subject ?? '',
    mail.parsed.text ?? '',
    typeof mail.parsed.html === 'string' ? mail.parsed.html : '',
    ...mail.parsed.attachments.map((a) => a.content.toString('utf8').replace(/\r\n[ \t]/g, '')),
  ]
    .join('\n')
    .toLowerCase();
  for (const other of addresses)
    expect(everything, `no ${other} in the mail to ${mail.to.join(', ')}`).not.toContain(other.toLowerCase());
}
