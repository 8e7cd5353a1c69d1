import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDashboard, Category, FOLLOW_UP_KINDS, impactTables, MEETING_STATUSES, RawImpact } from './impact-figures';
import { NOT_STATED } from './impact.repository';
import { ReachDimension, ReciprocityDimension } from './models/impact.models';
import { disclosedCells, suppress } from './small-number-suppression';

const plain = (key: string): Category => ({ key, labelCy: null, labelEn: null });
const small = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 }));

/**
 * Random but consistent SQL results for 1–3 sessions: a reach no larger than the sessions'
 * reaches added up and no smaller than the largest; overlapping breakdowns (REGION…) whose rows
 * lie between the reach and its sum, partitions (ORGANISATION_KIND…) that add up to it; follow-ups
 * done and agreed within those created; referral routes by kind that add up to those agreed.
 */
const rawImpact: fc.Arbitrary<RawImpact> = fc.integer({ min: 1, max: 3 }).chain((sessionCount) => {
  const ids = Array.from({ length: sessionCount }, (_, i) => `session-${i}`);
  return fc
    .record({
      reaches: fc.array(small, { minLength: sessionCount, maxLength: sessionCount }),
      overlap: fc.integer({ min: 0, max: 10 }),
      meetings: fc.array(fc.array(small, { minLength: MEETING_STATUSES.length, maxLength: MEETING_STATUSES.length }), {
        minLength: sessionCount,
        maxLength: sessionCount,
      }),
      followUps: fc.array(
        fc.array(fc.tuple(small, small, small), {
          minLength: FOLLOW_UP_KINDS.length,
          maxLength: FOLLOW_UP_KINDS.length,
        }),
        { minLength: sessionCount, maxLength: sessionCount },
      ),
      feedback: fc.array(small, { minLength: sessionCount, maxLength: sessionCount }),
      requests: fc.tuple(small, small),
      linkWorkers: fc.tuple(small, small, small),
      splits: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 40, maxLength: 40 }),
    })
    .map(({ reaches, overlap, meetings, followUps, feedback, requests, linkWorkers, splits }): RawImpact => {
      const reach = Math.max(Math.max(...reaches), reaches.reduce((s, n) => s + n, 0) - overlap);
      let next = 0;
      /** `total` split into `parts` non-negative integers, by the random draws. */
      const split = (total: number, parts: number): number[] => {
        const weights = Array.from({ length: parts }, () => splits[next++ % splits.length]! + 1);
        const sum = weights.reduce((s, w) => s + w, 0);
        const shares = weights.map((w) => Math.floor((total * w) / sum));
        shares[0]! += total - shares.reduce((s, n) => s + n, 0);
        return shares;
      };
      const breakdown = (dimension: ReachDimension, keys: string[], overlapping: boolean) => {
        const categories = [...keys, NOT_STATED].map(plain);
        // Overlapping rows: each person once, plus some people counted under a second code.
        const counts = split(reach, categories.length).map((n, i) =>
          overlapping && i === 0 ? Math.min(reach, n + (splits[i]! % 3)) : n,
        );
        return { dimension, categories, counts: categories.map((c, i) => ({ key: c.key, n: counts[i]! })) };
      };
      const followUpRows = ids.flatMap((sessionId, s) =>
        FOLLOW_UP_KINDS.map((kind, k) => {
          const [created, done, agreed] = followUps[s]![k]!;
          return {
            sessionId,
            kind,
            created,
            done: Math.min(done, created),
            agreed: kind === 'REFERRAL_ROUTE' ? Math.min(agreed, created) : 0,
          };
        }),
      );
      const agreed = followUpRows.reduce((s, f) => s + f.agreed, 0);
      const routeKinds = ['HEALTH_BOARD', 'GP_CLUSTER', 'LOCAL_AUTHORITY', NOT_STATED];
      const routeCounts = split(agreed, routeKinds.length);
      return {
        sessions: ids.map((id, i) => ({
          id,
          titleCy: `Sesiwn ${i}`,
          titleEn: `Session ${i}`,
          startsAt: new Date(Date.UTC(2027, i, 1)),
        })),
        reach,
        reachPerSession: ids.map((id, i) => ({ sessionId: id, key: id, n: reaches[i]! })),
        reachBy: [
          breakdown(ReachDimension.REGION, ['powys', 'hywel-dda', 'swansea-bay'], true),
          breakdown(ReachDimension.CONDITION, ['parkinsons', 'dementia'], true),
          breakdown(ReachDimension.ART_FORM, ['dance'], true),
          breakdown(ReachDimension.ORGANISATION_KIND, ['HEALTH_BOARD', 'ARTS_ORGANISATION'], false),
          breakdown(ReachDimension.INCLUSIVE_SPACE, ['YES', 'NO'], false),
          breakdown(ReachDimension.PROJECT_TERM, ['SHORT', 'LONG', 'EITHER'], false),
        ],
        meetings: ids.flatMap((sessionId, s) =>
          MEETING_STATUSES.map((status, k) => ({ sessionId, key: status, n: meetings[s]![k]! })),
        ),
        requests: { answered: requests[0], unanswered: requests[1], medianHoursToAnswer: requests[0] > 0 ? 3 : null },
        followUps: followUpRows,
        referralRoutesBy: {
          categories: routeKinds.map(plain),
          counts: routeKinds.map((key, i) => ({ key, n: routeCounts[i]! })),
        },
        linkWorkers: { linkWorkers: linkWorkers[0], offered: linkWorkers[1], used: Math.min(linkWorkers[2], agreed) },
        feedback: ids.map((sessionId, i) => ({ sessionId, answers: feedback[i]!, usefulnessSum: feedback[i]! * 3 })),
        linkWorkerReach: {
          periods: ['2027-01', '2027-02'],
          linkWorkers: [0, 1, 2].map((i) => {
            const first = splits[i]! % 7;
            const growth = splits[i + 3]! % 4;
            return { id: `lw-${i}`, displayName: `LW ${i}`, organisations: [first, first + growth], growth };
          }),
        },
        reciprocity: {
          total: { people: reach, givenMinutes: reach * 50, receivedMinutes: reach * 40 },
          by: (
            [
              [ReciprocityDimension.ROLE, ['PRACTITIONER', 'COMMISSIONER', 'LINK_WORKER']],
              [ReciprocityDimension.REGION, ['powys', 'hywel-dda']],
              [ReciprocityDimension.CONDITION, ['parkinsons']],
            ] as const
          ).map(([dimension, keys]) => {
            const categories = [...keys, NOT_STATED].map(plain);
            const people = split(reach, categories.length);
            return {
              dimension,
              categories,
              sums: new Map(
                categories.map((c, i) => [
                  c.key,
                  { people: people[i]!, givenMinutes: people[i]! * 50, receivedMinutes: people[i]! * 40 },
                ]),
              ),
            };
          }),
        },
      };
    });
});

describe('a whole dashboard, suppressed as one publication', () => {
  it('always finishes, discloses no hidden count through any of its totals, and never carries a suppressed number', () => {
    fc.assert(
      fc.property(rawImpact, (raw) => {
        const { cells, constraints } = impactTables(raw);
        const published = suppress(cells, constraints);
        expect(disclosedCells(published, constraints)).toEqual([]);
        for (const count of published.values())
          if (count.kind === 'VISIBLE') expect(count.value === 0 || count.value >= 5).toBe(true);
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (node === null || typeof node !== 'object' || node instanceof Date) return;
          const record = node as Record<string, unknown>;
          if (record.suppressed === true) {
            expect(record.value).toBeNull();
            expect(['<5', '[c]']).toContain(record.display);
          }
          Object.values(record).forEach(walk);
        };
        walk(buildDashboard(raw));
      }),
      { numRuns: 200 },
    );
    // 200 whole dashboards take about 2 s on a quiet core; a busy machine needs more than the default 5 s.
  }, 30_000);

  it('shows a mean, or ledger hours, only over 5 answers or people or more that are themselves shown', () => {
    fc.assert(
      fc.property(rawImpact, (raw) => {
        const dashboard = buildDashboard(raw);
        const ledgerRows = [dashboard.reciprocity, ...dashboard.reciprocity.by.flatMap((b) => b.rows)];
        for (const row of ledgerRows) {
          for (const hours of [row.hoursGiven, row.hoursReceived]) {
            if (hours.value !== null) {
              expect(row.people.suppressed).toBe(false);
              expect(row.people.value).toBeGreaterThanOrEqual(5);
            }
          }
        }
        for (const row of [
          dashboard.feedback,
          ...dashboard.trends.map((t) => ({ answers: t.feedbackAnswers, meanUsefulness: t.meanUsefulness })),
        ]) {
          if (row.meanUsefulness.value !== null) {
            expect(row.answers.suppressed).toBe(false);
            expect(row.answers.value).toBeGreaterThanOrEqual(5);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
