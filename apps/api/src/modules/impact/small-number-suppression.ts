/**
 * Small-number suppression for published counts — pure, no framework.
 *
 * Rule (docs/architecture.md#security-and-privacy): a count of 1–4 is shown as "<5" (primary suppression); 0 is shown as 0.
 * Secondary suppression then hides more cells until no hidden count can be worked out from the
 * totals published beside it. A secondary-suppressed cell is never 1–4 (those are primary) nor 0,
 * so it is at least 5 and is shown as "[c]" (the UK statistics symbol for "confidential"), not
 * "<5", which would be untrue.
 *
 * Which totals relate which cells is given as constraints:
 * - SUM: total = the sum of the parts (meetings by status, a 2-D table's rows and columns…);
 * - UNION: the total counts distinct people and the parts may overlap (reach by region: a person
 *   may work in two regions), so max(parts) ≤ total ≤ sum(parts).
 *
 * "Worked out" is judged the way a reader could: every published figure pins its cell, a "<5"
 * cell lies in 1–4 and a "[c]" cell is at least 5; these bounds are narrowed through every
 * constraint until nothing changes (interval propagation, so 2-D tables are audited across rows
 * and columns together). A hidden cell whose bounds close to a single value is disclosed; the
 * fix is to hide the smallest non-zero visible part of one of its tables, or else that table's
 * total, and audit again. In the rare case where a cell stays pinned with nothing non-zero left to
 * hide around it, its whole group of related tables is withheld ("[c]" everywhere, zeros too).
 */

export const SMALL_NUMBER_LIMIT = 5;

/** What a reader is told about one count. A suppressed count carries no number at all. */
export type PublishedCount =
  | { readonly kind: 'VISIBLE'; readonly value: number }
  | { readonly kind: 'SMALL_NUMBER' }
  | { readonly kind: 'SECONDARY' };

export type ConstraintKind = 'SUM' | 'UNION';

export interface TableConstraint {
  readonly kind: ConstraintKind;
  readonly total: string;
  readonly parts: readonly string[];
}

export const DISPLAY_SMALL_NUMBER = '<5';
export const DISPLAY_SECONDARY = '[c]';

export function display(count: PublishedCount): string {
  if (count.kind === 'VISIBLE') return String(count.value);
  return count.kind === 'SMALL_NUMBER' ? DISPLAY_SMALL_NUMBER : DISPLAY_SECONDARY;
}

export function isSmallNumber(value: number): boolean {
  return value >= 1 && value < SMALL_NUMBER_LIMIT;
}

/**
 * Publishes every cell: primary suppression, then secondary suppression until the audit finds
 * nothing disclosed.
 *
 * @param values every cell's true count (non-negative integers), by cell id.
 * @param constraints the totals published with them; every id must be in `values`.
 */
export function suppress(
  values: ReadonlyMap<string, number>,
  constraints: readonly TableConstraint[],
): Map<string, PublishedCount> {
  for (const constraint of constraints) {
    for (const id of [constraint.total, ...constraint.parts]) {
      if (!values.has(id)) throw new Error(`Constraint names unknown cell ${id}`);
    }
  }
  const published = new Map<string, PublishedCount>();
  for (const [id, value] of values) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`Cell ${id} is not a count: ${value}`);
    published.set(id, isSmallNumber(value) ? { kind: 'SMALL_NUMBER' } : { kind: 'VISIBLE', value });
  }
  for (;;) {
    const disclosed = disclosedCells(published, constraints);
    if (disclosed.length === 0) return published;
    // A disclosed cell whose own tables have nothing left to hide is pinned through another
    // disclosed cell (a hidden total, say): hiding next to that one frees both.
    const next = disclosed
      .map((cell) => nextToHide(cell, values, published, constraints))
      .find((id) => id !== undefined);
    if (next !== undefined) {
      published.set(next, { kind: 'SECONDARY' });
      continue;
    }
    // Everything non-zero around it is hidden and it is still pinned (four "<5" cells under a
    // "<5" total must all be 1): withhold its whole group of related tables, zeros included.
    for (const id of component(disclosed[0]!, constraints)) published.set(id, { kind: 'SECONDARY' });
  }
}

/** Every cell linked to `cell` through the constraints (the tables that share cells with its tables, and so on). */
function component(cell: string, constraints: readonly TableConstraint[]): Set<string> {
  const found = new Set([cell]);
  for (let grew = true; grew;) {
    grew = false;
    for (const constraint of constraints) {
      const ids = [constraint.total, ...constraint.parts];
      if (ids.some((id) => found.has(id)) && ids.some((id) => !found.has(id))) {
        ids.forEach((id) => found.add(id));
        grew = true;
      }
    }
  }
  return found;
}

interface Bounds {
  lo: number;
  hi: number;
}

/** What a reader can bound each cell to from the published figures alone. */
export function readerBounds(
  published: ReadonlyMap<string, PublishedCount>,
  constraints: readonly TableConstraint[],
): Map<string, Bounds> {
  const bounds = new Map<string, Bounds>();
  const withheld = withheldCells(published, constraints);
  for (const [id, count] of published) {
    if (count.kind === 'VISIBLE') bounds.set(id, { lo: count.value, hi: count.value });
    else if (count.kind === 'SMALL_NUMBER') bounds.set(id, { lo: 1, hi: SMALL_NUMBER_LIMIT - 1 });
    else if (withheld.has(id)) bounds.set(id, { lo: 0, hi: Infinity });
    else bounds.set(id, { lo: SMALL_NUMBER_LIMIT, hi: Infinity });
  }
  // Lower bounds only rise and upper bounds only fall, on integers the true values satisfy, so this ends.
  for (let changed = true; changed;) {
    changed = false;
    for (const constraint of constraints) {
      for (const [id, narrowed] of narrow(constraint, bounds)) {
        const current = bounds.get(id)!;
        const lo = Math.max(current.lo, narrowed.lo);
        const hi = Math.min(current.hi, narrowed.hi);
        if (lo !== current.lo || hi !== current.hi) {
          bounds.set(id, { lo, hi });
          changed = true;
        }
      }
    }
  }
  return bounds;
}

/**
 * Cells of wholly withheld groups of tables: every cell "[c]", zeros included, so a reader knows
 * nothing of any of them (only the fallback in `suppress` withholds a whole group).
 */
function withheldCells(
  published: ReadonlyMap<string, PublishedCount>,
  constraints: readonly TableConstraint[],
): Set<string> {
  const withheld = new Set<string>();
  for (const [id, count] of published) {
    if (count.kind !== 'SECONDARY' || withheld.has(id)) continue;
    const group = component(id, constraints);
    if (group.size > 1 && [...group].every((cell) => published.get(cell)!.kind === 'SECONDARY'))
      group.forEach((cell) => withheld.add(cell));
  }
  return withheld;
}

/** Hidden cells whose exact value a reader can work out, in a stable order. */
export function disclosedCells(
  published: ReadonlyMap<string, PublishedCount>,
  constraints: readonly TableConstraint[],
): string[] {
  const bounds = readerBounds(published, constraints);
  return [...published]
    .filter(([id, count]) => count.kind !== 'VISIBLE' && bounds.get(id)!.lo >= bounds.get(id)!.hi)
    .map(([id]) => id);
}

/** The bounds one constraint implies for each of its cells, given everyone's current bounds. */
function narrow(constraint: TableConstraint, bounds: ReadonlyMap<string, Bounds>): [string, Bounds][] {
  const total = bounds.get(constraint.total)!;
  const parts = constraint.parts.map((id) => bounds.get(id)!);
  const sumLo = parts.reduce((s, b) => s + b.lo, 0);
  const sumHi = parts.reduce((s, b) => s + b.hi, 0);
  const result: [string, Bounds][] = [];
  if (constraint.kind === 'SUM') {
    result.push([constraint.total, { lo: sumLo, hi: sumHi }]);
    constraint.parts.forEach((id, i) => {
      const part = parts[i]!;
      result.push([id, { lo: total.lo - (sumHi - part.hi), hi: total.hi - (sumLo - part.lo) }]);
    });
  } else {
    result.push([constraint.total, { lo: Math.max(0, ...parts.map((b) => b.lo)), hi: sumHi }]);
    constraint.parts.forEach((id, i) => {
      const part = parts[i]!;
      result.push([id, { lo: total.lo - (sumHi - part.hi), hi: total.hi }]);
    });
  }
  // Infinity − Infinity is NaN: such a side says nothing.
  return result.map(([id, b]) => [
    id,
    { lo: Number.isNaN(b.lo) ? -Infinity : b.lo, hi: Number.isNaN(b.hi) ? Infinity : b.hi },
  ]);
}

/** The smallest non-zero visible part of a table holding `cell`, else that table's total. */
function nextToHide(
  cell: string,
  values: ReadonlyMap<string, number>,
  published: ReadonlyMap<string, PublishedCount>,
  constraints: readonly TableConstraint[],
): string | undefined {
  const hideable = (id: string) => id !== cell && published.get(id)!.kind === 'VISIBLE' && values.get(id)! > 0;
  const tables = constraints.filter((c) => c.total === cell || c.parts.includes(cell));
  const parts = tables
    .flatMap((c) => c.parts.filter(hideable))
    .sort((a, b) => values.get(a)! - values.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  if (parts.length > 0) return parts[0];
  return tables.map((c) => c.total).find(hideable);
}
