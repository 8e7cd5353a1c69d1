import { describe, expect, it } from 'vitest';
import { MeetingStatus } from '../booking/booking.enums';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { remindersDue } from './reminders';

const meeting = (startsAt: string, createdAt: string, status = MeetingStatus.CONFIRMED) =>
  ({ startsAt: new Date(startsAt), createdAt: new Date(createdAt), status }) as MeetingEntity;
const due = (m: MeetingEntity, now: string) =>
  remindersDue(m, new Date(now)).map((r) => `${r.window} ${r.at.toISOString()}`);

describe('remindersDue', () => {
  it('a meeting booked days ahead gets both, 24 hours and 10 minutes before', () => {
    expect(due(meeting('2027-03-29T09:00:00Z', '2027-03-20T12:00:00Z'), '2027-03-21T00:00:00Z')).toEqual([
      'DAY 2027-03-28T09:00:00.000Z',
      'SOON 2027-03-29T08:50:00.000Z',
    ]);
  });

  it('booked less than a day ahead: only the 10-minute one (the confirmation said when)', () => {
    expect(due(meeting('2027-03-29T09:00:00Z', '2027-03-28T12:00:00Z'), '2027-03-28T12:00:00Z')).toEqual([
      'SOON 2027-03-29T08:50:00.000Z',
    ]);
  });

  it('the day-before one is still due (late) until the 10-minute one is; nothing once the meeting has started', () => {
    const m = meeting('2027-03-29T09:00:00Z', '2027-03-20T12:00:00Z');
    expect(due(m, '2027-03-29T08:49:59Z')).toEqual(['DAY 2027-03-28T09:00:00.000Z', 'SOON 2027-03-29T08:50:00.000Z']);
    expect(due(m, '2027-03-29T08:50:00Z')).toEqual(['SOON 2027-03-29T08:50:00.000Z']);
    expect(due(m, '2027-03-29T09:00:00Z')).toEqual([]);
  });

  it('once someone has joined early (IN_PROGRESS), still the 10-minute one; nothing for other states', () => {
    expect(
      due(meeting('2027-03-29T09:00:00Z', '2027-03-20T12:00:00Z', MeetingStatus.IN_PROGRESS), '2027-03-29T08:51:00Z'),
    ).toEqual(['SOON 2027-03-29T08:50:00.000Z']);
    for (const status of [MeetingStatus.PROPOSED, MeetingStatus.CANCELLED, MeetingStatus.COMPLETED]) {
      expect(due(meeting('2027-03-29T09:00:00Z', '2027-03-20T12:00:00Z', status), '2027-03-21T00:00:00Z')).toEqual([]);
    }
  });
});
