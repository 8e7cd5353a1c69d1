import { describe, expect, it } from 'vitest';
import { joinWindow, positionIn, tokenTtlSeconds } from './join-window';

const meeting = { startsAt: new Date('2027-02-01T10:00:00Z'), endsAt: new Date('2027-02-01T10:10:00Z') };
const at = (iso: string) => new Date(iso);

describe('join window (docs/architecture.md#video-rooms)', () => {
  it('opens 10 minutes before the start and closes 5 minutes after the end', () => {
    const w = joinWindow(meeting);
    expect(w.opensAt.toISOString()).toBe('2027-02-01T09:50:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2027-02-01T10:15:00.000Z');
    expect(positionIn(w, at('2027-02-01T09:49:59Z'))).toBe('BEFORE');
    expect(positionIn(w, at('2027-02-01T09:50:00Z'))).toBe('OPEN');
    expect(positionIn(w, at('2027-02-01T10:15:00Z'))).toBe('OPEN');
    expect(positionIn(w, at('2027-02-01T10:15:01Z'))).toBe('AFTER');
  });

  it('follows an extended end', () => {
    expect(joinWindow({ ...meeting, endsAt: at('2027-02-01T10:20:00Z') }).closesAt.toISOString()).toBe(
      '2027-02-01T10:25:00.000Z',
    );
  });

  it('gives tokens at most 15 minutes and never past the window', () => {
    const w = joinWindow(meeting);
    expect(tokenTtlSeconds(w, at('2027-02-01T09:50:00Z'), 3600)).toBe(900);
    expect(tokenTtlSeconds(w, at('2027-02-01T09:50:00Z'), 600)).toBe(600);
    expect(tokenTtlSeconds(w, at('2027-02-01T10:10:00Z'), 600)).toBe(300);
    expect(tokenTtlSeconds(w, at('2027-02-01T10:14:59.500Z'), 600)).toBe(1);
  });
});
