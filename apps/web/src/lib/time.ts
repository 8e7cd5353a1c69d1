import { m } from '$lib/paraglide/messages.js';

/**
 * Times: the API stores UTC; the app shows UK time (Europe/London) and, where the browser's own
 * zone shows a different wall time, the viewer's time beside it (docs/architecture.md#time-and-calendars). Day and month names
 * come from the messages, so dates read the same in every browser whatever its Intl locale data.
 */
export const LONDON = 'Europe/London';

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(
	zone: string,
	instant: Date,
): { year: number; month: number; day: number; weekday: number; hour: number; minute: number } {
	let format = partFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		});
		partFormats.set(zone, format);
	}
	const parts: Record<string, string> = {};
	for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
	const year = Number(parts.year);
	const month = Number(parts.month);
	const day = Number(parts.day);
	return {
		year,
		month,
		day,
		weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
	};
}

const WEEKDAYS = [m.weekday_0, m.weekday_1, m.weekday_2, m.weekday_3, m.weekday_4, m.weekday_5, m.weekday_6];
const MONTHS = [
	m.month_1,
	m.month_2,
	m.month_3,
	m.month_4,
	m.month_5,
	m.month_6,
	m.month_7,
	m.month_8,
	m.month_9,
	m.month_10,
	m.month_11,
	m.month_12,
];

const WEEKDAY_NAMES = [
	m.weekday_name_0,
	m.weekday_name_1,
	m.weekday_name_2,
	m.weekday_name_3,
	m.weekday_name_4,
	m.weekday_name_5,
	m.weekday_name_6,
];

const WEEKDAYS_SHORT = [
	m.weekday_short_0,
	m.weekday_short_1,
	m.weekday_short_2,
	m.weekday_short_3,
	m.weekday_short_4,
	m.weekday_short_5,
	m.weekday_short_6,
];

const pad = (n: number) => String(n).padStart(2, '0');

/** A weekday's name, 0 = Sunday. */
export function weekdayName(weekday: number): string {
	return WEEKDAYS[weekday]!();
}

/** A weekday's short name for column headings ("Mon" / "Llun"), 0 = Sunday. */
export function weekdayShort(weekday: number): string {
	return WEEKDAYS_SHORT[weekday]!();
}

/** A month's name, 1 = January. */
export function monthName(month: number): string {
	return MONTHS[month - 1]!();
}

/** The browser's own time zone. */
export function viewerZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || LONDON;
}

/**
 * A date inside a sentence that writes the Welsh word "dydd" itself, in the form it needs ("i ddydd
 * {weekday} {date}", "tan ddydd …", "erbyn dydd …"; docs/welsh-grammar.md): the weekday's name
 * alone ("Mawrth" / "Tuesday"), which never mutates after "dydd", and the rest ("2 Rhagfyr 2026").
 */
export function dateParts(iso: string, zone = LONDON): { weekday: string; date: string } {
	const p = partsIn(zone, new Date(iso));
	return { weekday: WEEKDAY_NAMES[p.weekday]!(), date: `${p.day} ${MONTHS[p.month - 1]!()} ${p.year}` };
}

/** "Tuesday 2 December 2026" / "Dydd Mawrth 2 Rhagfyr 2026", standing alone (in a sentence: dateParts). */
export function formatDate(iso: string, zone = LONDON): string {
	const p = partsIn(zone, new Date(iso));
	return `${WEEKDAYS[p.weekday]!()} ${p.day} ${MONTHS[p.month - 1]!()} ${p.year}`;
}

/**
 * "14:05" (24-hour, as usual in Wales in both languages). In UK time, a time in the hour the
 * autumn clock change repeats says which of the two it is: "01:30 BST", then "01:30 GMT".
 */
export function formatTime(iso: string, zone = LONDON): string {
	const instant = new Date(iso);
	const p = partsIn(zone, instant);
	const time = `${pad(p.hour)}:${pad(p.minute)}`;
	if (zone !== LONDON || !inRepeatedHour(instant)) return time;
	return offsetMinutes(LONDON, instant) === 0 ? m.time_gmt({ time }) : m.time_bst({ time });
}

/** True when the instant's UK wall time also names the instant an hour before or after (the repeated autumn hour). */
export function inRepeatedHour(instant: Date): boolean {
	const wall = (ms: number) => {
		const p = partsIn(LONDON, new Date(ms));
		return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
	};
	const here = wall(instant.getTime());
	return here === wall(instant.getTime() - 3_600_000) || here === wall(instant.getTime() + 3_600_000);
}

/** "14:00–14:20". */
export function formatTimeRange(startIso: string, endIso: string, zone = LONDON): string {
	return `${formatTime(startIso, zone)}–${formatTime(endIso, zone)}`;
}

/** "Tuesday 2 December 2026, 14:00–16:40" (the end's date is left out when it is the same day). */
export function formatDateTimeRange(startIso: string, endIso: string, zone = LONDON): string {
	const sameDay = formatDate(startIso, zone) === formatDate(endIso, zone);
	return sameDay
		? `${formatDate(startIso, zone)}, ${formatTimeRange(startIso, endIso, zone)}`
		: `${formatDate(startIso, zone)}, ${formatTime(startIso, zone)} – ${formatDate(endIso, zone)}, ${formatTime(endIso, zone)}`;
}

/** True when the viewer's zone shows a different wall time (or date) from UK time for `iso`. */
export function viewerZoneDiffers(iso: string, zone = viewerZone()): boolean {
	if (zone === LONDON) return false;
	const a = partsIn(LONDON, new Date(iso));
	const b = partsIn(zone, new Date(iso));
	return a.hour !== b.hour || a.minute !== b.minute || a.day !== b.day;
}

/** Minutes east of UTC that `zone` is at `instant`. */
function offsetMinutes(zone: string, instant: Date): number {
	const p = partsIn(zone, instant);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
	return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a UK wall time: `date` as YYYY-MM-DD, `time` as HH:MM. For the hour that does not
 * exist in spring it gives the instant an hour later; for the repeated hour in autumn, the first.
 */
export function londonWallTimeToUtc(date: string, time = '00:00'): Date {
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	let guess = wall - offsetMinutes(LONDON, new Date(wall)) * 60_000;
	guess = wall - offsetMinutes(LONDON, new Date(guess)) * 60_000;
	return new Date(guess);
}

/** YYYY-MM-DD of an instant in UK time (for date inputs). */
export function londonDate(instant: Date): string {
	const p = partsIn(LONDON, instant);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * A slot as a choice in a list: its UK date and time and, when the viewer's zone shows another
 * wall time, theirs after it ("…, 10:00–10:20; Your time (America/New_York): 05:00–05:20").
 */
export function formatSlotChoice(startIso: string, endIso: string, zone = viewerZone()): string {
	const uk = `${formatDate(startIso)}, ${formatTimeRange(startIso, endIso)}`;
	if (!viewerZoneDiffers(startIso, zone)) return uk;
	return `${uk}; ${m.time_yours({ zone })}: ${formatDateTimeRange(startIso, endIso, zone)}`;
}
