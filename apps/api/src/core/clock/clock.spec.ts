import { describe, expect, it } from 'vitest';
import { OffsetClock } from './clock';

describe('OffsetClock', () => {
  it('follows real time from the instant it was moved to', () => {
    let real = Date.parse('2026-12-07T12:00:00Z');
    const clock = new OffsetClock(undefined, () => real);
    expect(clock.now().toISOString()).toBe('2026-12-07T12:00:00.000Z');
    clock.moveTo(new Date('2027-10-30T09:00:00Z'));
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2027-10-30T09:01:30.000Z');
  });

  it('never goes back, and stays where it was when asked to', () => {
    const real = Date.parse('2026-12-07T12:00:00Z');
    const clock = new OffsetClock(new Date('2026-10-16T00:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2026-10-16T00:00:00.000Z');
    clock.moveTo(new Date('2027-10-30T09:00:00Z'));
    expect(() => clock.moveTo(new Date('2027-10-30T08:59:59Z'))).toThrow(/never goes back/);
    expect(clock.now().toISOString()).toBe('2027-10-30T09:00:00.000Z');
  });
});
