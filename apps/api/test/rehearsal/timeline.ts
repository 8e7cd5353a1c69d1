/**
 * When the rehearsed event happens, worked out from the real time at start-up (`realStart`):
 *
 * - session A runs across the most recent autumn clock change in London (last Sunday of October,
 *   01:00 UTC) at least two weeks back: 00:00–03:00 UTC, i.e. 01:00 BST to 03:00 GMT;
 * - session B (the one whose first meetings are played in the real LiveKit room) starts
 *   `roomLeadMs` after `realStart`, rounded up to the minute (the slot grid counts whole minutes), so that its first slot's join window is open when the clock, walking
 *   forward from the past, reaches real time (LiveKit's webhooks carry LiveKit's own clock);
 * - the event begins nine days before session A.
 *
 * Pure, so it can be tested; the same real date gives the same timeline.
 */
export interface Timeline {
  eventStart: Date;
  sessionA: { startsAt: Date; endsAt: Date; slotMinutes: number };
  sessionB: { startsAt: Date; endsAt: Date; slotMinutes: number };
  clockChange: Date;
}

const MINUTE = 60_000;
const DAY = 24 * 3600_000;
/**
 * Session B's first slot starts this long after the rehearsal starts: long enough for the steps
 * before it (its room opens ten minutes early, so the bots can join before the start), short
 * enough that waiting for the start costs little. PostgreSQL and the full size need longer
 * (main.ts).
 */
export const ROOM_LEAD_MS = 50_000;

/** The instant London's clocks go back in `year`: 01:00 UTC on the last Sunday of October. */
export function autumnClockChange(year: number): Date {
  const lastOfOctober = new Date(Date.UTC(year, 9, 31, 1));
  return new Date(lastOfOctober.getTime() - lastOfOctober.getUTCDay() * DAY);
}

export function timeline(realStart: Date, roomLeadMs = ROOM_LEAD_MS): Timeline {
  let year = realStart.getUTCFullYear();
  while (autumnClockChange(year).getTime() > realStart.getTime() - 14 * DAY) year--;
  const clockChange = autumnClockChange(year);
  const aStart = new Date(clockChange.getTime() - 60 * MINUTE);
  const bStart = new Date(Math.ceil((realStart.getTime() + roomLeadMs) / MINUTE) * MINUTE);
  return {
    eventStart: new Date(aStart.getTime() - 9 * DAY),
    clockChange,
    sessionA: { startsAt: aStart, endsAt: new Date(aStart.getTime() + 3 * 60 * MINUTE), slotMinutes: 30 },
    sessionB: { startsAt: bStart, endsAt: new Date(bStart.getTime() + 60 * MINUTE), slotMinutes: 10 },
  };
}
