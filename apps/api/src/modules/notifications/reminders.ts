import { Injectable } from '@nestjs/common';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { MeetingPerson } from '../booking/meeting-change-listener';
import { MeetingsService } from '../booking/meetings.service';
import { RoomsService } from '../rooms/rooms.service';

export type ReminderWindow = 'DAY' | 'SOON';

/** How long before a meeting's start each reminder goes out. */
export const REMINDER_LEAD_MS: Record<ReminderWindow, number> = { DAY: 24 * 3600_000, SOON: 10 * 60_000 };

/**
 * Whether a meeting in this state gets this reminder: a CONFIRMED one both; one already
 * IN_PROGRESS (someone joined early) still the 10-minute one, for those not yet in the room.
 */
export function remindable(status: MeetingStatus, window: ReminderWindow): boolean {
  return status === MeetingStatus.CONFIRMED || (status === MeetingStatus.IN_PROGRESS && window === 'SOON');
}

/**
 * The reminders a meeting should still get, as of `now`, with when each is due: the 10-minute one
 * until the start; the day-before one until the 10-minute one is due, and only for a meeting booked
 * at least a day ahead (otherwise the confirmation already said when). Only what its state allows
 * (`remindable`).
 */
export function remindersDue(meeting: MeetingEntity, now: Date): { window: ReminderWindow; at: Date }[] {
  const start = meeting.startsAt.getTime();
  const due: { window: ReminderWindow; at: Date }[] = [];
  if (!remindable(meeting.status, 'SOON')) return due;
  if (
    remindable(meeting.status, 'DAY') &&
    meeting.createdAt.getTime() <= start - REMINDER_LEAD_MS.DAY &&
    now.getTime() < start - REMINDER_LEAD_MS.SOON
  ) {
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

/**
 * Who a reminder goes to: each active participant who is neither in the room now nor removed from
 * the meeting by an organiser. One reading for both Reminders implementations.
 */
@Injectable()
export class ReminderRecipients {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly rooms: RoomsService,
  ) {}

  /** By meeting id: the people to remind. */
  async of(meetingIds: string[]): Promise<Map<string, MeetingPerson[]>> {
    const [participants, skip] = await Promise.all([
      this.meetings.participantsOf(meetingIds),
      this.rooms.inRoomOrRemoved(meetingIds),
    ]);
    const people = new Map<string, MeetingPerson[]>(meetingIds.map((id) => [id, []]));
    for (const p of participants) {
      if (!skip.has(`${p.meetingId}:${p.userId}`)) people.get(p.meetingId)?.push({ userId: p.userId, role: p.role });
    }
    return people;
  }
}
