import { ImpactCount, ImpactMeasure } from './models/impact.models';
import { gatedBy, toCount } from './impact-figures';
import { suppress, TableConstraint } from './small-number-suppression';

/** Why someone has no meeting: the scheduler's reasons (libs/matching fairness.ts) and DECLINED. */
export type FairnessReason =
  'NO_AVAILABILITY' | 'NO_CANDIDATES' | 'NO_MUTUAL_SLOT' | 'CAPACITY' | 'NOT_YET_PLACED' | 'DECLINED';
export const FAIRNESS_REASONS: readonly FairnessReason[] = [
  'NO_AVAILABILITY',
  'NO_MUTUAL_SLOT',
  'CAPACITY',
  'DECLINED',
  'NO_CANDIDATES',
  'NOT_YET_PLACED',
];

export type FairnessDimension = 'ROLE' | 'REGION' | 'CONDITION' | 'WELSH_SPEAKER' | 'FIRST_TIME' | 'INCLUSIVE_SPACE';
export const FAIRNESS_DIMENSIONS: readonly FairnessDimension[] = [
  'ROLE',
  'REGION',
  'CONDITION',
  'WELSH_SPEAKER',
  'FIRST_TIME',
  'INCLUSIVE_SPACE',
];

/** One person of a run or session, with what the report groups them by. */
export interface FairnessPerson {
  id: string;
  role: string;
  regions: string[];
  conditions: string[];
  welshSpeaker: boolean;
  firstTime: boolean;
  inclusiveSpace: boolean;
  meetings: number;
  value: number;
  reason: FairnessReason | null;
}

export interface FairnessGroup {
  dimension: FairnessDimension;
  /** A role, a region or condition code (NOT_STATED when none), or YES / NO. */
  category: string;
  people: ImpactCount;
  withMeeting: ImpactCount;
  /** Share of the group's people with at least one meeting, 0–1. */
  coverage: ImpactMeasure;
  averageValue: ImpactMeasure;
}

export interface FairnessFigures {
  people: ImpactCount;
  withMeeting: ImpactCount;
  withoutMeeting: ImpactCount;
  coverage: ImpactMeasure;
  averageValue: ImpactMeasure;
  groups: FairnessGroup[];
  reasons: { reason: FairnessReason; people: ImpactCount }[];
}

const NOT_STATED = 'NOT_STATED';
const yesNo = (b: boolean) => (b ? 'YES' : 'NO');

/** The categories a person counts under in a dimension: one for ROLE and the yes/no ones, each of theirs for REGION and CONDITION. */
function categoriesOf(p: FairnessPerson, dimension: FairnessDimension): string[] {
  switch (dimension) {
    case 'ROLE':
      return [p.role];
    case 'REGION':
      return p.regions.length > 0 ? p.regions : [NOT_STATED];
    case 'CONDITION':
      return p.conditions.length > 0 ? p.conditions : [NOT_STATED];
    case 'WELSH_SPEAKER':
      return [yesNo(p.welshSpeaker)];
    case 'FIRST_TIME':
      return [yesNo(p.firstTime)];
    case 'INCLUSIVE_SPACE':
      return [yesNo(p.inclusiveSpace)];
  }
}

/**
 * Coverage (people with at least one meeting) and average value, overall and by group, and how
 * many have no meeting for each reason: every count suppressed together, as on the impact
 * dashboard ("<5", "[c]"); a share or average only where the people count behind it is shown and
 * at least 5 (and, for a share, the count with a meeting is shown too).
 */
export function fairnessFigures(people: readonly FairnessPerson[]): FairnessFigures {
  const cells = new Map<string, number>();
  const constraints: TableConstraint[] = [];
  const valueSums = new Map<string, number>();
  const bump = (id: string, n = 1) => cells.set(id, (cells.get(id) ?? 0) + n);
  const covered = (p: FairnessPerson) => p.meetings > 0;

  cells.set('n', people.length);
  cells.set('w', people.filter(covered).length);
  cells.set('wo', people.length - cells.get('w')!);
  valueSums.set(
    'n',
    people.reduce((s, p) => s + p.value, 0),
  );
  constraints.push({ kind: 'SUM', total: 'n', parts: ['w', 'wo'] });
  for (const reason of FAIRNESS_REASONS) cells.set(`r.${reason}`, people.filter((p) => p.reason === reason).length);
  constraints.push({ kind: 'SUM', total: 'wo', parts: FAIRNESS_REASONS.map((r) => `r.${r}`) });

  const groups: { dimension: FairnessDimension; category: string }[] = [];
  for (const dimension of FAIRNESS_DIMENSIONS) {
    const seen: string[] = [];
    for (const p of people) {
      for (const category of categoriesOf(p, dimension)) {
        const key = `${dimension}.${category}`;
        if (!seen.includes(category)) {
          seen.push(category);
          cells.set(`n.${key}`, 0);
          cells.set(`w.${key}`, 0);
        }
        bump(`n.${key}`);
        if (covered(p)) bump(`w.${key}`);
        valueSums.set(key, (valueSums.get(key) ?? 0) + p.value);
      }
    }
    seen.sort();
    const kind = dimension === 'REGION' || dimension === 'CONDITION' ? 'UNION' : 'SUM';
    if (seen.length > 0) {
      constraints.push({ kind, total: 'n', parts: seen.map((c) => `n.${dimension}.${c}`) });
      constraints.push({ kind, total: 'w', parts: seen.map((c) => `w.${dimension}.${c}`) });
    }
    groups.push(...seen.map((category) => ({ dimension, category })));
  }

  const published = suppress(cells, constraints);
  const count = (id: string) => toCount(published.get(id)!);
  const share = (n: string, w: string) => {
    const people = published.get(n)!;
    const withMeeting = published.get(w)!;
    const value =
      withMeeting.kind === 'VISIBLE' && people.kind === 'VISIBLE' && people.value > 0
        ? withMeeting.value / people.value
        : null;
    return gatedBy(withMeeting.kind === 'VISIBLE' ? people : withMeeting, value, (v) => `${Math.round(v * 100)}%`);
  };
  const average = (n: string, key: string) => {
    const basis = published.get(n)!;
    const value = basis.kind === 'VISIBLE' && basis.value > 0 ? valueSums.get(key)! / basis.value : null;
    return gatedBy(basis, value, (v) => v.toFixed(1));
  };
  return {
    people: count('n'),
    withMeeting: count('w'),
    withoutMeeting: count('wo'),
    coverage: share('n', 'w'),
    averageValue: average('n', 'n'),
    groups: groups.map(({ dimension, category }) => {
      const key = `${dimension}.${category}`;
      return {
        dimension,
        category,
        people: count(`n.${key}`),
        withMeeting: count(`w.${key}`),
        coverage: share(`n.${key}`, `w.${key}`),
        averageValue: average(`n.${key}`, key),
      };
    }),
    reasons: FAIRNESS_REASONS.map((reason) => ({ reason, people: count(`r.${reason}`) })),
  };
}
