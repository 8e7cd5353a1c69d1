import { MeetingEntity } from '../booking/entities/meeting.entity';

export type ReminderWindow = 'DAY' | 'SOON';

/** How long before a meeting's start each reminder goes out. */
export const REMINDER_LEAD_MS: Record<ReminderWindow, number> = { DAY: 24 * 3600_000, SOON: 10 * 60_000 };

/**
 * The reminders a CONFIRMED meeting should still get, as of `now`, with when each is due: the
 * 10-minute one until the start; the day-before one until the 10-minute one is due, and only for a
 * meeting booked at least a day ahead (otherwise the confirmation already said when).
 */
export function remindersDue(meeting: MeetingEntity, now: Date): { window: ReminderWindow; at: Date }[] {
  const start = meeting.startsAt.getTime();
  const due: { window: ReminderWindow; at: Date }[] = [];
  if (meeting.createdAt.getTime() <= start - REMINDER_LEAD_MS.DAY && now.getTime() < start - REMINDER_LEAD_MS.SOON) {
    due.push({ window: 'DAY', at: new Date(start - REMINDER_LEAD_MS.DAY) });
  }
  if (now.getTime() < start) due.push({ window: 'SOON', at: new Date(start - REMINDER_LEAD_MS.SOON) });
  return due;
}

/**
 * Meeting reminders, 24 hours and 10 minutes before: the in-process ReminderScheduler polling on
 * the Ticker (embedded default), or BullmqReminders with delayed jobs in Redis (JOBS=bullmq).
 */
export abstract class Reminders {
  /** After a committed change to these meetings: bring their reminders in line (add, move, remove). */
  abstract meetingsChanged(meetingIds: string[]): Promise<void>;
}
