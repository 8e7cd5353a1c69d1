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
  | { kind: 'SLOT_LENGTH_DOES_NOT_DIVIDE'; wallMinutes: number; slotMinutes: number }
  | { kind: 'TOO_MANY_SLOTS'; count: number; max: number }
  | { kind: 'BREAK_OUT_OF_RANGE'; indexes: number[] };

/** Wall-clock time in Europe/London, as a zone-less value we can do arithmetic on. */
function wall(instant: Date): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: SESSION_ZONE });
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second },
    { zone: 'UTC' },
  );
}

/** The instant a wall-clock time names in Europe/London, or null when clocks skip it (spring). */
function instantOf(wallTime: DateTime): Date | null {
  const local = DateTime.fromObject(
    { year: wallTime.year, month: wallTime.month, day: wallTime.day, hour: wallTime.hour, minute: wallTime.minute },
    { zone: SESSION_ZONE },
  );
  return local.hour === wallTime.hour && local.minute === wallTime.minute ? local.toJSDate() : null;
}

/**
 * The slot grid of a session, made in Europe/London wall time: a 10:00 slot is at 10:00 local
 * time on either side of a clock change. Cells the spring change skips are left out; on the
 * autumn night the repeated hour makes one cell an hour longer.
 */
export function slotGrid(startsAt: Date, endsAt: Date, slotMinutes: number, breakIndexes: readonly number[] = []): GridSlot[] | GridProblem {
  if (endsAt.getTime() <= startsAt.getTime()) return { kind: 'END_NOT_AFTER_START' };
  const start = wall(startsAt);
  const wallMinutes = Math.round(wall(endsAt).diff(start, 'minutes').minutes);
  if (wallMinutes <= 0 || wallMinutes % slotMinutes !== 0) {
    return { kind: 'SLOT_LENGTH_DOES_NOT_DIVIDE', wallMinutes, slotMinutes };
  }
  const cells = wallMinutes / slotMinutes;
  if (cells > MAX_SLOTS) return { kind: 'TOO_MANY_SLOTS', count: cells, max: MAX_SLOTS };
  const starts: Date[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const instant = instantOf(start.plus({ minutes: cell * slotMinutes }));
    if (instant) starts.push(instant);
  }
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
