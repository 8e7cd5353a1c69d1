import { describe, expect, it } from 'vitest';
import { isGridProblem, slotGrid } from './slot-grid';

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

  it('keeps wall-clock times across the autumn change of 2027-10-31', () => {
    // Saturday 10:00 BST (09:00Z) to Sunday 12:00 GMT (12:00Z).
    const slots = grid('2027-10-30T09:00:00Z', '2027-10-31T12:00:00Z', 60);
    expect(slots).toHaveLength(26);
    expect(slots[0]!.startsAt.toISOString()).toBe('2027-10-30T09:00:00.000Z');
    expect(slots.find((s) => s.startsAt.toISOString() === '2027-10-31T10:00:00.000Z')).toBeDefined(); // 10:00 GMT
    const total = slots.reduce((sum, s) => sum + (s.endsAt.getTime() - s.startsAt.getTime()), 0);
    expect(total).toBe(27 * 3600_000); // 27 real hours, all covered
  });

  it('names each problem with the input', () => {
    expect(slotGrid(new Date('2027-06-14T11:00:00Z'), new Date('2027-06-14T09:00:00Z'), 30)).toEqual({ kind: 'END_NOT_AFTER_START' });
    expect(slotGrid(new Date('2027-06-14T09:00:00Z'), new Date('2027-06-14T10:00:00Z'), 25)).toMatchObject({ kind: 'SLOT_LENGTH_DOES_NOT_DIVIDE' });
    expect(slotGrid(new Date('2027-06-14T09:00:00Z'), new Date('2027-06-14T10:00:00Z'), 30, [2])).toEqual({ kind: 'BREAK_OUT_OF_RANGE', indexes: [2] });
  });
});
