import { describe, expect, it } from 'vitest';
import { summarise } from './attendance-math';

const t = (minute: number) => new Date(Date.UTC(2027, 1, 1, 10, minute));

describe('summarise (attendance from connections)', () => {
  it('adds closed connections and counts overlapping ones once', () => {
    const s = summarise([
      { joinedAt: t(0), leftAt: t(5) },
      { joinedAt: t(3), leftAt: t(7) }, // a second device, overlapping
      { joinedAt: t(10), leftAt: t(12) },
    ]);
    expect(s.totalSeconds).toBe((7 + 2) * 60);
    expect(s.firstJoinedAt).toEqual(t(0));
    expect(s.lastLeftAt).toEqual(t(12));
    expect(s.presentSince).toBeNull();
  });

  it('is present since the earliest open connection', () => {
    const s = summarise([
      { joinedAt: t(0), leftAt: t(2) },
      { joinedAt: t(4), leftAt: null },
    ]);
    expect(s.presentSince).toEqual(t(4));
    expect(s.totalSeconds).toBe(120);
  });

  it('ignores a leave whose join has not arrived yet, and does not depend on order', () => {
    const spans = [
      { joinedAt: null, leftAt: t(9) },
      { joinedAt: t(1), leftAt: t(2) },
    ];
    expect(summarise(spans)).toEqual(summarise([...spans].reverse()));
    expect(summarise(spans).totalSeconds).toBe(60);
    expect(summarise(spans).lastLeftAt).toEqual(t(9));
  });
});
