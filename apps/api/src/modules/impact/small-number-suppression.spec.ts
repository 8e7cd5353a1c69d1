import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { display, disclosedCells, PublishedCount, suppress, TableConstraint } from './small-number-suppression';

/** A 1-D table: parts p0…pn−1 and their SUM total. */
function oneWay(parts: number[]): { values: Map<string, number>; constraints: TableConstraint[] } {
  const values = new Map(parts.map((v, i) => [`p${i}`, v] as [string, number]));
  values.set(
    'total',
    parts.reduce((s, v) => s + v, 0),
  );
  return { values, constraints: [{ kind: 'SUM', total: 'total', parts: parts.map((_, i) => `p${i}`) }] };
}

/** A 2-D table with row totals, column totals and a grand total: every row and column is a SUM. */
function twoWay(grid: number[][]): { values: Map<string, number>; constraints: TableConstraint[] } {
  const rows = grid.length;
  const cols = grid[0]!.length;
  const values = new Map<string, number>();
  const constraints: TableConstraint[] = [];
  grid.forEach((row, r) => row.forEach((v, c) => values.set(`c${r}.${c}`, v)));
  for (let r = 0; r < rows; r++) {
    values.set(
      `row${r}`,
      grid[r]!.reduce((s, v) => s + v, 0),
    );
    constraints.push({ kind: 'SUM', total: `row${r}`, parts: grid[r]!.map((_, c) => `c${r}.${c}`) });
  }
  for (let c = 0; c < cols; c++) {
    values.set(
      `col${c}`,
      grid.reduce((s, row) => s + row[c]!, 0),
    );
    constraints.push({ kind: 'SUM', total: `col${c}`, parts: grid.map((_, r) => `c${r}.${c}`) });
  }
  values.set(
    'grand',
    grid.flat().reduce((s, v) => s + v, 0),
  );
  constraints.push({ kind: 'SUM', total: 'grand', parts: grid.map((_, r) => `row${r}`) });
  constraints.push({ kind: 'SUM', total: 'grand', parts: grid[0]!.map((_, c) => `col${c}`) });
  return { values, constraints };
}

const shown = (published: Map<string, PublishedCount>) =>
  Object.fromEntries([...published].map(([id, count]) => [id, display(count)]));

/** The property as a reader would try it: one visible total minus its visible parts. */
function subtractionLeaks(published: Map<string, PublishedCount>, constraints: TableConstraint[]): string[] {
  return constraints
    .filter((c) => c.kind === 'SUM' && published.get(c.total)!.kind === 'VISIBLE')
    .filter((c) => c.parts.filter((id) => published.get(id)!.kind !== 'VISIBLE').length === 1)
    .map((c) => c.total);
}

/**
 * An independent audit by brute force for small SUM tables: every assignment of the hidden parts
 * within what a reader knows ("<5" is 1–4, "[c]" is 5 or more, bounded by `ceiling`) that agrees
 * with every published figure; a hidden cell (part or total) is disclosed when all such
 * assignments agree on it.
 */
function bruteForceDisclosed(
  values: Map<string, number>,
  published: Map<string, PublishedCount>,
  constraints: TableConstraint[],
  leaves: string[],
  ceiling: number,
): string[] {
  const hidden = leaves.filter((id) => published.get(id)!.kind !== 'VISIBLE');
  // A wholly withheld table ("[c]" everywhere) may hide zeros: its cells are 0 or more.
  const allWithheld = [...published.values()].every((c) => c.kind === 'SECONDARY');
  const hiddenTotals = [...published]
    .filter(([id, c]) => !leaves.includes(id) && c.kind !== 'VISIBLE')
    .map(([id]) => id);
  const seen = new Map<string, Set<number>>([...hidden, ...hiddenTotals].map((id) => [id, new Set<number>()]));
  const assignment = new Map<string, number>(leaves.map((id) => [id, values.get(id)!]));
  const valueOf = (id: string): number => {
    if (assignment.has(id)) return assignment.get(id)!;
    const constraint = constraints.find((c) => c.total === id)!;
    return constraint.parts.reduce((s, part) => s + valueOf(part), 0);
  };
  const consistent = () =>
    [...published].every(([id, count]) => {
      const v = valueOf(id);
      if (count.kind === 'VISIBLE') return v === count.value;
      return count.kind === 'SMALL_NUMBER' ? v >= 1 && v <= 4 : v >= (allWithheld ? 0 : 5);
    });
  const walk = (i: number) => {
    if (i === hidden.length) {
      if (consistent()) for (const id of seen.keys()) seen.get(id)!.add(valueOf(id));
      return;
    }
    const id = hidden[i]!;
    const [lo, hi] = published.get(id)!.kind === 'SMALL_NUMBER' ? [1, 4] : [allWithheld ? 0 : 5, ceiling];
    for (let v = lo; v <= hi; v++) {
      assignment.set(id, v);
      walk(i + 1);
    }
    assignment.set(id, values.get(id)!);
  };
  walk(0);
  return [...seen].filter(([, values]) => values.size === 1).map(([id]) => id);
}

describe('small-number suppression', () => {
  it('shows 1–4 as "<5", 0 as 0, and larger counts as they are', () => {
    const published = suppress(
      new Map([
        ['a', 0],
        ['b', 1],
        ['c', 4],
        ['d', 5],
        ['e', 17],
      ]),
      [],
    );
    expect(shown(published)).toEqual({ a: '0', b: '<5', c: '<5', d: '5', e: '17' });
  });

  it('hides the next smallest non-zero part when a total would reveal the one hidden cell', () => {
    // 3 + 0 + 6 + 9 = 18: 18 − 0 − 6 − 9 would give the 3, so the 6 goes too (never the 0).
    const { values, constraints } = oneWay([3, 0, 6, 9]);
    expect(shown(suppress(values, constraints))).toEqual({ p0: '<5', p1: '0', p2: '[c]', p3: '9', total: '18' });
  });

  it('hides the total when there is no other non-zero part to hide', () => {
    const { values, constraints } = oneWay([2, 0, 0]);
    // The total is 2 itself, so it is primary; with parts 2 and 7 the 7 is hidden instead.
    expect(shown(suppress(values, constraints))).toEqual({ p0: '<5', p1: '0', p2: '0', total: '<5' });
    const single = suppress(
      new Map([
        ['only', 7],
        ['sum', 9],
        ['small', 2],
      ]),
      [{ kind: 'SUM', total: 'sum', parts: ['small', 'only'] }],
    );
    expect(shown(single)).toEqual({ small: '<5', only: '[c]', sum: '9' });
  });

  it('does not let two hidden cells be pinned by their sum (1 + 1, 4 + 4, 1 + 5)', () => {
    // 1 + 1 + 9 = 11: the hidden pair sums to 2, so both must be 1: hide more.
    expect(
      disclosedCells(
        new Map<string, PublishedCount>([
          ['a', { kind: 'SMALL_NUMBER' }],
          ['b', { kind: 'SMALL_NUMBER' }],
          ['c', { kind: 'VISIBLE', value: 9 }],
          ['t', { kind: 'VISIBLE', value: 11 }],
        ]),
        [{ kind: 'SUM', total: 't', parts: ['a', 'b', 'c'] }],
      ),
    ).toEqual(['a', 'b']);
    for (const parts of [
      [1, 1, 9],
      [4, 4, 9],
      [1, 5, 20],
    ]) {
      const { values, constraints } = oneWay(parts);
      const published = suppress(values, constraints);
      expect(disclosedCells(published, constraints)).toEqual([]);
      expect(published.get('p2')!.kind).not.toBe('VISIBLE');
    }
  });

  it('audits a 2-D table across rows and columns together', () => {
    //        c0  c1  c2 | row
    // r0      2   8   6 |  16
    // r1      7   9   5 |  21
    const { values, constraints } = twoWay([
      [2, 8, 6],
      [7, 9, 5],
    ]);
    const published = suppress(values, constraints);
    expect(disclosedCells(published, constraints)).toEqual([]);
    expect(subtractionLeaks(published, constraints)).toEqual([]);
    // The 2 is hidden; its row and its column each lose a second cell.
    expect(display(published.get('c0.0')!)).toBe('<5');
    expect(['c0.1', 'c0.2'].some((id) => published.get(id)!.kind === 'SECONDARY')).toBe(true);
    expect(
      ['c1.0'].some((id) => published.get(id)!.kind === 'SECONDARY') || published.get('col0')!.kind !== 'VISIBLE',
    ).toBe(true);
  });

  it('treats a UNION total as bounds, not a sum', () => {
    // Reach 10 over regions 3 (hidden), 8, 2 (hidden): a reader only knows 10 ≤ 3 + 8 + 2 and each ≤ 10.
    const values = new Map([
      ['reach', 10],
      ['north', 3],
      ['west', 8],
      ['south', 2],
    ]);
    const constraints: TableConstraint[] = [{ kind: 'UNION', total: 'reach', parts: ['north', 'west', 'south'] }];
    const published = suppress(values, constraints);
    expect(disclosedCells(published, constraints)).toEqual([]);
    expect(shown(published)).toEqual({ reach: '10', north: '<5', west: '8', south: '<5' });
    // But 10 over 8 and one hidden cell means that cell is at least 2 — fine; over 6 it is exactly 4.
    const tight = suppress(
      new Map([
        ['reach', 10],
        ['a', 4],
        ['b', 6],
      ]),
      [{ kind: 'UNION', total: 'reach', parts: ['a', 'b'] }],
    );
    expect(disclosedCells(tight, [{ kind: 'UNION', total: 'reach', parts: ['a', 'b'] }])).toEqual([]);
    expect(tight.get('a')!.kind).toBe('SMALL_NUMBER');
    expect(tight.get('b')!.kind === 'SECONDARY' || tight.get('reach')!.kind === 'SECONDARY').toBe(true);
  });

  it('withholds a whole table when nothing else helps: four "<5" cells under a "<5" total are all 1', () => {
    const { values, constraints } = oneWay([1, 1, 0, 1, 1]);
    const published = suppress(values, constraints);
    expect(shown(published)).toEqual({ p0: '[c]', p1: '[c]', p2: '[c]', p3: '[c]', p4: '[c]', total: '[c]' });
    expect(disclosedCells(published, constraints)).toEqual([]);
    // 2-D: [[1, 1], [1, 1]] has rows and columns of 2 and a grand total of 4, all "<5", all pinned.
    const grid = twoWay([
      [1, 1],
      [1, 1],
    ]);
    const grid2 = suppress(grid.values, grid.constraints);
    expect(new Set(Object.values(shown(grid2)))).toEqual(new Set(['[c]']));
    // Only the group of tables that needs it: an unrelated cell keeps its "<5".
    const apart = suppress(new Map([...values, ['alone', 3]]), constraints);
    expect(display(apart.get('alone')!)).toBe('<5');
  });

  it('refuses cells that are not counts and constraints over unknown cells', () => {
    expect(() => suppress(new Map([['a', -1]]), [])).toThrow(/not a count/);
    expect(() => suppress(new Map([['a', 1.5]]), [])).toThrow(/not a count/);
    expect(() => suppress(new Map([['a', 1]]), [{ kind: 'SUM', total: 'x', parts: ['a'] }])).toThrow(/unknown cell/);
  });

  describe('properties', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 }));

    it('every 1–4 is "<5", every 0 is 0, every visible number is the true one, no suppressed cell carries a number', () => {
      fc.assert(
        fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), (parts) => {
          const { values, constraints } = oneWay(parts);
          const published = suppress(values, constraints);
          for (const [id, value] of values) {
            const cell = published.get(id)!;
            if (value >= 1 && value <= 4) expect(display(cell)).toBe('<5');
            if (value === 0) expect(display(cell)).toBe('0');
            if (cell.kind === 'VISIBLE') expect(cell.value).toBe(value);
            else expect('value' in cell).toBe(false);
            const withheld = [...published.values()].every((c) => c.kind === 'SECONDARY');
            if (cell.kind === 'SECONDARY' && !withheld) expect(value).toBeGreaterThanOrEqual(5);
          }
        }),
      );
    });

    it('tables of tiny counts (0–2): suppression always finishes and discloses nothing', () => {
      const tiny = fc.integer({ min: 0, max: 2 });
      const grid = fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
        .chain(([rows, cols]) =>
          fc.array(fc.array(tiny, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
        );
      fc.assert(
        fc.property(grid, fc.array(tiny, { minLength: 1, maxLength: 6 }), (cells, parts) => {
          for (const { values, constraints } of [twoWay(cells), oneWay(parts)]) {
            const published = suppress(values, constraints);
            expect(disclosedCells(published, constraints)).toEqual([]);
            expect(subtractionLeaks(published, constraints)).toEqual([]);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('1-D tables: no hidden cell follows from the total, by subtraction or by brute force', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }), (parts) => {
          const { values, constraints } = oneWay(parts);
          const published = suppress(values, constraints);
          expect(subtractionLeaks(published, constraints)).toEqual([]);
          expect(disclosedCells(published, constraints)).toEqual([]);
          const leaves = parts.map((_, i) => `p${i}`);
          expect(bruteForceDisclosed(values, published, constraints, leaves, values.get('total')! + 1)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });

    it('2×2 tables with row, column and grand totals: nothing disclosed, checked by brute force', () => {
      const grid = fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 2 }), {
        minLength: 2,
        maxLength: 2,
      });
      fc.assert(
        fc.property(grid, (cells) => {
          const { values, constraints } = twoWay(cells);
          const published = suppress(values, constraints);
          expect(subtractionLeaks(published, constraints)).toEqual([]);
          expect(disclosedCells(published, constraints)).toEqual([]);
          const leaves = cells.flatMap((row, r) => row.map((_, c) => `c${r}.${c}`));
          expect(bruteForceDisclosed(values, published, constraints, leaves, values.get('grand')! + 1)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });

    it('larger 2-D tables and UNION totals: the audit finds nothing disclosed', () => {
      const grid = fc
        .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
        .chain(([rows, cols]) =>
          fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
        );
      fc.assert(
        fc.property(
          grid,
          fc.array(count, { minLength: 1, maxLength: 6 }),
          fc.integer({ min: 0, max: 20 }),
          (cells, regions, overlap) => {
            const { values, constraints } = twoWay(cells);
            regions.forEach((v, i) => values.set(`region${i}`, v));
            const sum = regions.reduce((s, v) => s + v, 0);
            // Distinct people: at most the sum of the parts, at least the largest part.
            values.set('reach', Math.max(Math.max(...regions), sum - overlap));
            constraints.push({ kind: 'UNION', total: 'reach', parts: regions.map((_, i) => `region${i}`) });
            const published = suppress(values, constraints);
            expect(subtractionLeaks(published, constraints)).toEqual([]);
            expect(disclosedCells(published, constraints)).toEqual([]);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
