import { FollowUpKind } from '../followups/followups.enums';
import { MeetingStatus } from '../booking/booking.enums';
import type {
  FeedbackCount,
  FollowUpCount,
  KeyedCount,
  LinkWorkerCapacity,
  RequestCounts,
  SelectedSession,
  SessionKeyedCount,
} from './impact.repository';
import {
  ImpactBreakdown,
  ImpactCount,
  ImpactDashboard,
  ImpactFollowUpRow,
  ImpactMeasure,
  ImpactReciprocity,
  ImpactRow,
  ImpactTrendRow,
  ReachDimension,
  ReciprocityDimension,
  SuppressionReason,
} from './models/impact.models';
import type { RawLinkWorkerReach } from './link-worker-reach';
import { display, PublishedCount, SMALL_NUMBER_LIMIT, suppress, TableConstraint } from './small-number-suppression';

/** A row a breakdown always lists, zero or not, with its taxonomy names when it has them. */
export interface Category {
  key: string;
  labelCy: string | null;
  labelEn: string | null;
}

/** What the SQL aggregates returned for one set of sessions. */
export interface RawImpact {
  sessions: SelectedSession[];
  reach: number;
  reachPerSession: SessionKeyedCount[];
  reachBy: { dimension: ReachDimension; categories: Category[]; counts: KeyedCount[] }[];
  meetings: SessionKeyedCount[];
  requests: RequestCounts;
  followUps: FollowUpCount[];
  referralRoutesBy: { categories: Category[]; counts: KeyedCount[] };
  linkWorkers: LinkWorkerCapacity;
  feedback: FeedbackCount[];
  reciprocity: RawReciprocity;
  linkWorkerReach: RawLinkWorkerReach;
}

/** Minutes given and received by the people under one row's key. */
export interface ReciprocitySums {
  people: number;
  givenMinutes: number;
  receivedMinutes: number;
}

/** The ledger over the selected sessions: all credited people, and by role, region and condition. */
export interface RawReciprocity {
  total: ReciprocitySums;
  by: { dimension: ReciprocityDimension; categories: Category[]; sums: Map<string, ReciprocitySums> }[];
}

/** Breakdowns whose rows partition the people (one value each): their rows add up to the reach. */
const PARTITIONS = new Set([
  ReachDimension.ORGANISATION_KIND,
  ReachDimension.INCLUSIVE_SPACE,
  ReachDimension.PROJECT_TERM,
]);

export const MEETING_STATUSES = Object.values(MeetingStatus);
export const FOLLOW_UP_KINDS = Object.values(FollowUpKind);

/**
 * Every count of one dashboard as one publication: the cells, the totals that relate them, and
 * one suppression over all of them — so a hidden cell of one table cannot be worked out through
 * another (a session's row of the trends, say, against the meetings-by-status table).
 *
 *   reach ⊇ each session's reach; reach ⊇ REGION / CONDITION / ART_FORM rows   (UNION)
 *   reach = ORGANISATION_KIND rows = INCLUSIVE_SPACE rows = PROJECT_TERM rows    (SUM)
 *   meetings: sessions × statuses with row, column and grand totals             (SUM, 2-D)
 *   requests = answered + unanswered; follow-ups created and done by kind; referral routes by
 *   referring organisation kind and by session; feedback answers by session       (SUM)
 */
export function buildDashboard(raw: RawImpact): ImpactDashboard {
  const { cells, constraints } = impactTables(raw);
  return present(raw, suppress(cells, constraints));
}

/** The dashboard's cells and the totals that relate them (see buildDashboard). */
export function impactTables(raw: RawImpact): { cells: Map<string, number>; constraints: TableConstraint[] } {
  const cells = new Map<string, number>();
  const constraints: TableConstraint[] = [];
  const set = (id: string, value: number) => cells.set(id, value);
  const sum = (total: string, parts: string[]) => constraints.push({ kind: 'SUM', total, parts });
  const union = (total: string, parts: string[]) => constraints.push({ kind: 'UNION', total, parts });
  const sessionIds = raw.sessions.map((s) => s.id);
  const lookup = (rows: SessionKeyedCount[], sessionId: string, key: string) =>
    rows.find((r) => r.sessionId === sessionId && r.key === key)?.n ?? 0;

  set('reach', raw.reach);
  for (const id of sessionIds) set(`s.${id}.reach`, raw.reachPerSession.find((r) => r.sessionId === id)?.n ?? 0);
  if (sessionIds.length > 0)
    union(
      'reach',
      sessionIds.map((id) => `s.${id}.reach`),
    );
  for (const { dimension, categories, counts } of raw.reachBy) {
    const ids = categories.map((c) => `reach.${dimension}.${c.key}`);
    categories.forEach((c, i) => set(ids[i]!, counts.find((n) => n.key === c.key)?.n ?? 0));
    (PARTITIONS.has(dimension) ? sum : union)('reach', ids);
  }

  for (const status of MEETING_STATUSES) {
    for (const id of sessionIds) set(`s.${id}.meetings.${status}`, lookup(raw.meetings, id, status));
    set(
      `meetings.${status}`,
      raw.meetings.filter((r) => r.key === status).reduce((s, r) => s + r.n, 0),
    );
    if (sessionIds.length > 0)
      sum(
        `meetings.${status}`,
        sessionIds.map((id) => `s.${id}.meetings.${status}`),
      );
  }
  for (const id of sessionIds) {
    set(
      `s.${id}.meetings`,
      raw.meetings.filter((r) => r.sessionId === id).reduce((s, r) => s + r.n, 0),
    );
    sum(
      `s.${id}.meetings`,
      MEETING_STATUSES.map((status) => `s.${id}.meetings.${status}`),
    );
  }
  set(
    'meetings',
    raw.meetings.reduce((s, r) => s + r.n, 0),
  );
  sum(
    'meetings',
    MEETING_STATUSES.map((status) => `meetings.${status}`),
  );
  if (sessionIds.length > 0)
    sum(
      'meetings',
      sessionIds.map((id) => `s.${id}.meetings`),
    );

  set('requests.answered', raw.requests.answered);
  set('requests.unanswered', raw.requests.unanswered);
  set('requests', raw.requests.answered + raw.requests.unanswered);
  sum('requests', ['requests.answered', 'requests.unanswered']);

  for (const measure of ['created', 'done'] as const) {
    for (const kind of FOLLOW_UP_KINDS)
      set(
        `followUps.${measure}.${kind}`,
        raw.followUps.filter((f) => f.kind === kind).reduce((s, f) => s + f[measure], 0),
      );
    set(
      `followUps.${measure}`,
      raw.followUps.reduce((s, f) => s + f[measure], 0),
    );
    sum(
      `followUps.${measure}`,
      FOLLOW_UP_KINDS.map((kind) => `followUps.${measure}.${kind}`),
    );
  }
  for (const id of sessionIds) {
    set(
      `s.${id}.followUps`,
      raw.followUps.filter((f) => f.sessionId === id).reduce((s, f) => s + f.created, 0),
    );
    set(
      `s.${id}.routes`,
      raw.followUps.filter((f) => f.sessionId === id).reduce((s, f) => s + f.agreed, 0),
    );
  }
  if (sessionIds.length > 0)
    sum(
      'followUps.created',
      sessionIds.map((id) => `s.${id}.followUps`),
    );

  const routeIds = raw.referralRoutesBy.categories.map((c) => `routes.${c.key}`);
  raw.referralRoutesBy.categories.forEach((c, i) =>
    set(routeIds[i]!, raw.referralRoutesBy.counts.find((n) => n.key === c.key)?.n ?? 0),
  );
  set(
    'routes',
    raw.followUps.reduce((s, f) => s + f.agreed, 0),
  );
  sum('routes', routeIds);
  if (sessionIds.length > 0)
    sum(
      'routes',
      sessionIds.map((id) => `s.${id}.routes`),
    );

  set('linkWorkers', raw.linkWorkers.linkWorkers);
  set('linkWorkers.offered', raw.linkWorkers.offered);
  set('linkWorkers.used', raw.linkWorkers.used);

  for (const id of sessionIds) set(`s.${id}.feedback`, raw.feedback.find((f) => f.sessionId === id)?.answers ?? 0);
  set(
    'feedback',
    raw.feedback.reduce((s, f) => s + f.answers, 0),
  );
  if (sessionIds.length > 0)
    sum(
      'feedback',
      sessionIds.map((id) => `s.${id}.feedback`),
    );

  // People credited in the ledger: one may hold several roles, regions or conditions.
  set('recip', raw.reciprocity.total.people);
  for (const { dimension, categories, sums } of raw.reciprocity.by) {
    const ids = categories.map((c) => `recip.${dimension}.${c.key}`);
    categories.forEach((c, i) => set(ids[i]!, sums.get(c.key)?.people ?? 0));
    union('recip', ids);
  }

  // Each link worker's organisations by period (cumulative): the latest = the one before + growth.
  for (const worker of raw.linkWorkerReach.linkWorkers) {
    const ids = worker.organisations.map((_, i) => `lwr.${worker.id}.${i}`);
    worker.organisations.forEach((n, i) => set(ids[i]!, n));
    set(`lwr.${worker.id}.growth`, worker.growth);
    sum(ids.at(-1)!, [...ids.slice(-2, -1), `lwr.${worker.id}.growth`]);
  }
  return { cells, constraints };
}

/** The published dashboard: every count as suppression left it, and the measures gated by their counts. */
function present(raw: RawImpact, published: Map<string, PublishedCount>): ImpactDashboard {
  const count = (id: string): ImpactCount => toCount(published.get(id)!);
  const row = (key: string, id: string, category?: Category): ImpactRow => ({
    key,
    labelCy: category?.labelCy ?? null,
    labelEn: category?.labelEn ?? null,
    count: count(id),
  });
  const usefulness = (answersId: string, usefulnessSum: number) => mean(published.get(answersId)!, usefulnessSum);

  const requestsTotal = published.get('requests')!;
  const unanswered = published.get('requests.unanswered')!;
  const answered = published.get('requests.answered')!;

  return {
    sessionCount: raw.sessions.length,
    reach: count('reach'),
    reachBy: raw.reachBy.map(({ dimension, categories }): ImpactBreakdown => ({
      dimension,
      rows: categories.map((c) => row(c.key, `reach.${dimension}.${c.key}`, c)),
    })),
    meetings: MEETING_STATUSES.map((status) => row(status, `meetings.${status}`)),
    meetingsTotal: count('meetings'),
    requests: {
      total: count('requests'),
      answered: count('requests.answered'),
      unanswered: count('requests.unanswered'),
      shareUnanswered:
        requestsTotal.kind === 'VISIBLE' && unanswered.kind === 'VISIBLE'
          ? requestsTotal.value === 0
            ? nothingToMeasure()
            : measured(unanswered.value / requestsTotal.value, (v) => `${Math.round(v * 100)}%`)
          : withheld(),
      medianHoursToAnswer: gatedBy(answered, raw.requests.medianHoursToAnswer, (v) => v.toFixed(1)),
    },
    followUps: FOLLOW_UP_KINDS.map((kind): ImpactFollowUpRow => ({
      kind,
      created: count(`followUps.created.${kind}`),
      done: count(`followUps.done.${kind}`),
    })),
    followUpsCreated: count('followUps.created'),
    followUpsDone: count('followUps.done'),
    referralRoutes: count('routes'),
    referralRoutesBy: raw.referralRoutesBy.categories.map((c) => row(c.key, `routes.${c.key}`, c)),
    linkWorkers: {
      linkWorkers: count('linkWorkers'),
      capacityOffered: count('linkWorkers.offered'),
      capacityUsed: count('linkWorkers.used'),
    },
    feedback: {
      answers: count('feedback'),
      meanUsefulness: usefulness(
        'feedback',
        raw.feedback.reduce((s, f) => s + f.usefulnessSum, 0),
      ),
    },
    reciprocity: reciprocityOf(raw.reciprocity, published),
    linkWorkerReach: {
      periods: raw.linkWorkerReach.periods,
      rows: raw.linkWorkerReach.linkWorkers.map((worker) => ({
        linkWorkerId: worker.id,
        displayName: worker.displayName,
        organisations: worker.organisations.map((_, i) => count(`lwr.${worker.id}.${i}`)),
        growth: count(`lwr.${worker.id}.growth`),
      })),
    },
    trends: raw.sessions.map((session): ImpactTrendRow => ({
      sessionId: session.id,
      titleCy: session.titleCy,
      titleEn: session.titleEn,
      startsAt: session.startsAt,
      reach: count(`s.${session.id}.reach`),
      meetings: MEETING_STATUSES.map((status) => row(status, `s.${session.id}.meetings.${status}`)),
      meetingsTotal: count(`s.${session.id}.meetings`),
      followUpsCreated: count(`s.${session.id}.followUps`),
      referralRoutes: count(`s.${session.id}.routes`),
      feedbackAnswers: count(`s.${session.id}.feedback`),
      meanUsefulness: usefulness(
        `s.${session.id}.feedback`,
        raw.feedback.find((f) => f.sessionId === session.id)?.usefulnessSum ?? 0,
      ),
    })),
  };
}

/** Hours, each gated by the published count of the people they add up. */
function reciprocityOf(raw: RawReciprocity, published: Map<string, PublishedCount>): ImpactReciprocity {
  const hours = (people: PublishedCount, minutes: number) => gatedBy(people, minutes / 60, (v) => v.toFixed(1));
  const figures = (id: string, sums: ReciprocitySums | undefined) => ({
    people: toCount(published.get(id)!),
    hoursGiven: hours(published.get(id)!, sums?.givenMinutes ?? 0),
    hoursReceived: hours(published.get(id)!, sums?.receivedMinutes ?? 0),
  });
  return {
    ...figures('recip', raw.total),
    by: raw.by.map(({ dimension, categories, sums }) => ({
      dimension,
      rows: categories.map((c) => ({
        key: c.key,
        labelCy: c.labelCy,
        labelEn: c.labelEn,
        ...figures(`recip.${dimension}.${c.key}`, sums.get(c.key)),
      })),
    })),
  };
}

export function toCount(published: PublishedCount): ImpactCount {
  if (published.kind === 'VISIBLE')
    return { value: published.value, suppressed: false, reason: null, display: display(published) };
  const reason = published.kind === 'SMALL_NUMBER' ? SuppressionReason.SMALL_NUMBER : SuppressionReason.SECONDARY;
  return { value: null, suppressed: true, reason, display: display(published) };
}

/** A mean of usefulness over the answers counted by `answers`, only when that count is shown and at least 5. */
function mean(answers: PublishedCount, usefulnessSum: number): ImpactMeasure {
  if (answers.kind !== 'VISIBLE') return withheld();
  if (answers.value === 0) return nothingToMeasure();
  return gatedBy(answers, usefulnessSum / answers.value, (v) => v.toFixed(1));
}

/** A statistic over `basis` answers: shown only when that count is shown and at least 5. */
export function gatedBy(basis: PublishedCount, value: number | null, format: (v: number) => string): ImpactMeasure {
  if (basis.kind !== 'VISIBLE' || basis.value < SMALL_NUMBER_LIMIT)
    return basis.kind === 'VISIBLE' && basis.value === 0 ? nothingToMeasure() : withheld();
  return value === null ? nothingToMeasure() : measured(value, format);
}

function measured(value: number, format: (v: number) => string): ImpactMeasure {
  const rounded = Math.round(value * 100) / 100;
  return { value: rounded, suppressed: false, reason: null, display: format(value) };
}

function withheld(): ImpactMeasure {
  return { value: null, suppressed: true, reason: SuppressionReason.TOO_FEW, display: '[c]' };
}

function nothingToMeasure(): ImpactMeasure {
  return { value: null, suppressed: false, reason: null, display: '–' };
}
