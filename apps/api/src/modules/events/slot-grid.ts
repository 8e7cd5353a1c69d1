import { DateTime } from 'luxon';

export const SESSION_ZONE = 'Europe/London';
export const MAX_SLOTS = 400;

export interface GridSlot {
  index: number;
  startsAt: Date;
  endsAt: Date;
  isBreak: boolean;
}

export type GridProblem =
  | { kind: 'END_NOT_AFTER_START' }
  | { kind: 'SLOT_LENGTH_DOES_NOT_DIVIDE'; minutes: number; slotMinutes: number }
  | { kind: 'TOO_MANY_SLOTS'; count: number; max: number }
  | { kind: 'BREAK_OUT_OF_RANGE'; indexes: number[] };

/** A wall-clock reading in Europe/London, to the minute. */
function wallOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: SESSION_ZONE }).toFormat('yyyyMMddHHmm');
}

/**
 * True when the instant falls in the hour the autumn clock change repeats (01:00–02:00 UK time,
 * once in BST, then again in GMT): its wall time alone does not say which of the two it is.
 */
export function inRepeatedHour(instant: Date): boolean {
  const here = wallOf(instant.getTime());
  return here === wallOf(instant.getTime() - HOUR_MS) || here === wallOf(instant.getTime() + HOUR_MS);
}

/** "10:00" in UK time; in the repeated hour of the autumn change, "01:30 BST" or "01:30 GMT". */
export function ukTimeLabel(instant: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: SESSION_ZONE });
  const time = local.toFormat('HH:mm');
  return inRepeatedHour(instant) ? `${time} ${local.offset === 0 ? 'GMT' : 'BST'}` : time;
}

const HOUR_MS = 3600_000;

/**
 * The slot grid of a session: slots of equal elapsed length from its start, a function of the
 * session alone (never of the day it is computed). Shown in UK time; across a clock change a
 * whole-hour-dividing slot length keeps slots on the hour, the skipped spring hour simply has no
 * slots, and the repeated autumn hour has slots of its own (labelled BST, then GMT: ukTimeLabel).
 */
export function slotGrid(
  startsAt: Date,
  endsAt: Date,
  slotMinutes: number,
  breakIndexes: readonly number[] = [],
): GridSlot[] | GridProblem {
  if (endsAt.getTime() <= startsAt.getTime()) return { kind: 'END_NOT_AFTER_START' };
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (!Number.isInteger(minutes) || minutes % slotMinutes !== 0) {
    return { kind: 'SLOT_LENGTH_DOES_NOT_DIVIDE', minutes, slotMinutes };
  }
  const cells = minutes / slotMinutes;
  if (cells > MAX_SLOTS) return { kind: 'TOO_MANY_SLOTS', count: cells, max: MAX_SLOTS };
  const starts = Array.from({ length: cells }, (_, cell) => new Date(startsAt.getTime() + cell * slotMinutes * 60_000));
  const outOfRange = breakIndexes.filter((index) => !Number.isInteger(index) || index < 0 || index >= starts.length);
  if (outOfRange.length > 0) return { kind: 'BREAK_OUT_OF_RANGE', indexes: outOfRange };
  const breaks = new Set(breakIndexes);
  return starts.map((slotStart, index) => ({
    index,
    startsAt: slotStart,
    endsAt: starts[index + 1] ?? endsAt,
    isBreak: breaks.has(index),
  }));
}

export function isGridProblem(result: GridSlot[] | GridProblem): result is GridProblem {
  return !Array.isArray(result);
}
