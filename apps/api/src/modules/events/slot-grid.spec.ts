import { describe, expect, it } from 'vitest';
import { Settings } from 'luxon';
import { inRepeatedHour, isGridProblem, slotGrid, ukTimeLabel } from './slot-grid';

const grid = (start: string, end: string, minutes: number, breaks: number[] = []) => {
  const result = slotGrid(new Date(start), new Date(end), minutes, breaks);
  if (isGridProblem(result)) throw new Error(JSON.stringify(result));
  return result;
};

describe('slotGrid', () => {
  it('cuts a summer morning into slots in UTC (BST is UTC+1)', () => {
    const slots = grid('2027-06-14T09:00:00Z', '2027-06-14T11:00:00Z', 30, [2]);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-06-14T09:00:00.000Z',
      '2027-06-14T09:30:00.000Z',
      '2027-06-14T10:00:00.000Z',
      '2027-06-14T10:30:00.000Z',
    ]);
    expect(slots.map((s) => s.isBreak)).toEqual([false, false, true, false]);
    expect(slots[3]!.endsAt.toISOString()).toBe('2027-06-14T11:00:00.000Z');
  });

  it('keeps wall-clock times across the spring change of 2027-03-28', () => {
    // Saturday 10:00 GMT to Sunday 12:00 BST; the skipped hour 01:00–02:00 has no slot.
    const slots = grid('2027-03-27T10:00:00Z', '2027-03-28T11:00:00Z', 60);
    expect(slots).toHaveLength(25);
    const sundayTen = slots.find((s) => s.startsAt.toISOString() === '2027-03-28T09:00:00.000Z');
    expect(sundayTen).toBeDefined(); // 10:00 BST
    expect(slots.at(-1)!.startsAt.toISOString()).toBe('2027-03-28T10:00:00.000Z'); // 11:00 BST
    const starts = slots.map((s) => s.startsAt.getTime());
    expect(new Set(starts).size).toBe(starts.length);
    for (const slot of slots) expect(slot.endsAt.getTime()).toBeGreaterThan(slot.startsAt.getTime());
  });

  it('cuts the autumn change of 2027-10-31 into equal elapsed slots, the repeated hour labelled BST then GMT', () => {
    // Saturday 10:00 BST (09:00Z) to Sunday 12:00 GMT (12:00Z): 27 real hours, 27 one-hour slots.
    const slots = grid('2027-10-30T09:00:00Z', '2027-10-31T12:00:00Z', 60);
    expect(slots).toHaveLength(27);
    for (const slot of slots) expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(3600_000);
    expect(slots.find((s) => s.startsAt.toISOString() === '2027-10-31T10:00:00.000Z')).toBeDefined(); // 10:00 GMT
    const night = grid('2027-10-31T00:00:00Z', '2027-10-31T02:00:00Z', 30);
    expect(night.map((s) => ukTimeLabel(s.startsAt))).toEqual(['01:00 BST', '01:30 BST', '01:00 GMT', '01:30 GMT']);
    expect(ukTimeLabel(new Date('2027-10-31T02:00:00Z'))).toBe('02:00');
    expect(ukTimeLabel(new Date('2027-10-30T23:30:00Z'))).toBe('00:30');
    expect(inRepeatedHour(new Date('2027-10-31T00:30:00Z'))).toBe(true);
    expect(inRepeatedHour(new Date('2027-10-31T01:30:00Z'))).toBe(true);
    expect(inRepeatedHour(new Date('2027-10-31T02:30:00Z'))).toBe(false);
    expect(inRepeatedHour(new Date('2027-06-14T00:30:00Z'))).toBe(false);
  });

  it('gives the same grid whatever the date it is computed on (December or July)', () => {
    const saved = Settings.now;
    const at = (iso: string) => {
      Settings.now = () => Date.parse(iso);
      try {
        return grid('2027-10-30T23:00:00Z', '2027-10-31T03:00:00Z', 30).map((s) => [
          s.startsAt.toISOString(),
          s.endsAt.toISOString(),
        ]);
      } finally {
        Settings.now = saved;
      }
    };
    const december = at('2026-12-07T12:00:00Z');
    expect(at('2027-07-01T12:00:00Z')).toEqual(december);
    expect(december).toHaveLength(8);
  });

  it('names each problem with the input', () => {
    expect(slotGrid(new Date('2027-06-14T11:00:00Z'), new Date('2027-06-14T09:00:00Z'), 30)).toEqual({
      kind: 'END_NOT_AFTER_START',
    });
    expect(slotGrid(new Date('2027-06-14T09:00:00Z'), new Date('2027-06-14T10:00:00Z'), 25)).toMatchObject({
      kind: 'SLOT_LENGTH_DOES_NOT_DIVIDE',
    });
    expect(slotGrid(new Date('2027-06-14T09:00:00Z'), new Date('2027-06-14T10:00:00Z'), 30, [2])).toEqual({
      kind: 'BREAK_OUT_OF_RANGE',
      indexes: [2],
    });
  });
});
