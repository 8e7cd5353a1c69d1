import { describe, expect, it } from 'vitest';
import { autumnClockChange, ROOM_LEAD_MS, timeline } from './timeline';

describe('rehearsal timeline', () => {
  it('finds the autumn clock change: 01:00 UTC on the last Sunday of October', () => {
    expect(autumnClockChange(2026).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(autumnClockChange(2027).toISOString()).toBe('2027-10-31T01:00:00.000Z');
  });

  it('puts session A across the latest clock change at least two weeks back, and session B just after real time', () => {
    const real = new Date('2026-12-07T13:21:30Z');
    const t = timeline(real);
    expect(t.clockChange.toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(t.sessionA.startsAt.getTime()).toBeLessThan(t.clockChange.getTime());
    expect(t.sessionA.endsAt.getTime()).toBeGreaterThan(t.clockChange.getTime());
    expect(t.sessionB.startsAt.getTime() - real.getTime()).toBeGreaterThanOrEqual(ROOM_LEAD_MS);
    expect(t.sessionB.startsAt.getTime() - real.getTime()).toBeLessThan(ROOM_LEAD_MS + 60_000);
    expect(t.sessionB.startsAt.getTime() % 60_000).toBe(0);
    expect(t.eventStart.getTime()).toBeLessThan(t.sessionA.startsAt.getTime());
    expect(timeline(new Date('2026-11-01T12:00:00Z')).clockChange.toISOString()).toBe('2025-10-26T01:00:00.000Z');
  });
});
