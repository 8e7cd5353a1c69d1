import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import type { IcsRecord } from './history';

/** One .ics read by two independent parsers (ical.js and node-ical), for the checker to compare. */
export function readIcs(filename: string, text: string): { records: IcsRecord[]; errors: string[] } {
  const records: IcsRecord[] = [];
  const errors: string[] = [];
  try {
    records.push(withIcalJs(filename, text));
  } catch (error) {
    errors.push(`ical.js: ${(error as Error).message}`);
  }
  try {
    records.push(withNodeIcal(filename, text));
  } catch (error) {
    errors.push(`node-ical: ${(error as Error).message}`);
  }
  return { records, errors };
}

const mailto = (value: unknown) =>
  String(value)
    .replace(/^mailto:/i, '')
    .toLowerCase();

function withIcalJs(filename: string, text: string): IcsRecord {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  const organizer = vevent.getFirstPropertyValue('organizer');
  return {
    parser: 'ical.js',
    filename,
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    uid: event.uid,
    sequence: Number(event.sequence ?? 0),
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    summary: event.summary ?? '',
    attendees: event.attendees.map((a) => mailto(a.getFirstValue())),
    organizer: organizer ? mailto(organizer) : null,
  };
}

type NodeIcalValue = string | { val: string; params?: Record<string, string> };
const plain = (value: NodeIcalValue | undefined) =>
  value === undefined ? '' : typeof value === 'string' ? value : value.val;

function withNodeIcal(filename: string, text: string): IcsRecord {
  const parsed = nodeIcal.sync.parseICS(text) as Record<string, Record<string, unknown>>;
  const entries = Object.values(parsed);
  const event = entries.find((c) => c.type === 'VEVENT');
  if (!event) throw new Error('no VEVENT');
  const calendar =
    entries.find((c) => c.type === 'VCALENDAR') ?? (parsed.vcalendar as Record<string, unknown> | undefined);
  const method = (calendar?.method as string | undefined) ?? /^METHOD:(.+)$/m.exec(text)?.[1]?.trim() ?? '';
  const attendees = ([] as NodeIcalValue[]).concat(
    (event.attendee as NodeIcalValue | NodeIcalValue[] | undefined) ?? [],
  );
  const organizer = event.organizer as NodeIcalValue | undefined;
  return {
    parser: 'node-ical',
    filename,
    method: String(method),
    uid: String(event.uid),
    sequence: Number(event.sequence ?? 0),
    status: String(event.status ?? ''),
    start: (event.start as Date).toISOString(),
    end: (event.end as Date).toISOString(),
    summary: plain(event.summary as NodeIcalValue | undefined),
    attendees: attendees.map((a) => mailto(plain(a))),
    organizer: organizer ? mailto(plain(organizer)) : null,
  };
}
