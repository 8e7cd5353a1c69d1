import { Language } from '../../core/auth/role';
import { ImpactCount, ImpactDashboard, ImpactMeasure, ImpactRow } from './models/impact.models';

export const IMPACT_CSV_COLUMNS = ['table', 'row', 'label', 'session', 'value'] as const;

export type ImpactCsvRecord = Record<(typeof IMPACT_CSV_COLUMNS)[number], string>;

/**
 * Every table of the dashboard as CSV records, in long form (one figure a line) so all tables share
 * one header. A figure is written as its `display` — "<5", "[c]", "–" or the number — so a
 * suppressed count can never reach the file as a number.
 */
export function* impactCsvRecords(dashboard: ImpactDashboard, language: Language): Generator<ImpactCsvRecord> {
  const record = (
    table: string,
    row: string,
    figure: ImpactCount | ImpactMeasure,
    label = '',
    session = '',
  ): ImpactCsvRecord => ({ table, row, label, session, value: figure.display });
  const labelled = (table: string, rows: ImpactRow[], session = '') =>
    rows.map((r) => record(table, r.key, r.count, (language === Language.cy ? r.labelCy : r.labelEn) ?? '', session));

  yield { table: 'summary', row: 'sessions', label: '', session: '', value: String(dashboard.sessionCount) };
  yield record('summary', 'reach', dashboard.reach);
  for (const breakdown of dashboard.reachBy)
    yield* labelled(`reach_by_${breakdown.dimension.toLowerCase()}`, breakdown.rows);
  yield* labelled('meetings_by_status', dashboard.meetings);
  yield record('meetings_by_status', 'TOTAL', dashboard.meetingsTotal);
  const { requests } = dashboard;
  yield record('requests', 'total', requests.total);
  yield record('requests', 'answered', requests.answered);
  yield record('requests', 'unanswered', requests.unanswered);
  yield record('requests', 'share_unanswered', requests.shareUnanswered);
  yield record('requests', 'median_hours_to_answer', requests.medianHoursToAnswer);
  for (const f of dashboard.followUps) yield record('follow_ups_created_by_kind', f.kind, f.created);
  yield record('follow_ups_created_by_kind', 'TOTAL', dashboard.followUpsCreated);
  for (const f of dashboard.followUps) yield record('follow_ups_done_by_kind', f.kind, f.done);
  yield record('follow_ups_done_by_kind', 'TOTAL', dashboard.followUpsDone);
  yield* labelled('referral_routes_by_organisation_kind', dashboard.referralRoutesBy);
  yield record('referral_routes_by_organisation_kind', 'TOTAL', dashboard.referralRoutes);
  yield record('link_worker_capacity', 'link_workers', dashboard.linkWorkers.linkWorkers);
  yield record('link_worker_capacity', 'capacity_offered_per_month', dashboard.linkWorkers.capacityOffered);
  yield record('link_worker_capacity', 'capacity_used', dashboard.linkWorkers.capacityUsed);
  yield record('feedback', 'answers', dashboard.feedback.answers);
  yield record('feedback', 'mean_usefulness', dashboard.feedback.meanUsefulness);
  const { reciprocity } = dashboard;
  yield record('reciprocity', 'people', reciprocity.people);
  yield record('reciprocity', 'hours_given', reciprocity.hoursGiven);
  yield record('reciprocity', 'hours_received', reciprocity.hoursReceived);
  for (const breakdown of reciprocity.by) {
    for (const r of breakdown.rows) {
      const label = (language === Language.cy ? r.labelCy : r.labelEn) ?? '';
      const table = `reciprocity_by_${breakdown.dimension.toLowerCase()}`;
      yield record(table, `${r.key} people`, r.people, label);
      yield record(table, `${r.key} hours_given`, r.hoursGiven, label);
      yield record(table, `${r.key} hours_received`, r.hoursReceived, label);
    }
  }
  for (const row of dashboard.linkWorkerReach.rows) {
    for (const [i, period] of dashboard.linkWorkerReach.periods.entries())
      yield record('link_worker_reach', period, row.organisations[i]!, row.displayName);
    yield record('link_worker_reach', 'growth_latest_period', row.growth, row.displayName);
  }
  for (const t of dashboard.trends) {
    const session = `${t.startsAt.toISOString().slice(0, 10)} ${language === Language.cy ? t.titleCy : t.titleEn}`;
    yield record('trends', 'reach', t.reach, '', session);
    yield* labelled(
      'trends',
      t.meetings.map((m) => ({ ...m, key: `meetings_${m.key}` })),
      session,
    );
    yield record('trends', 'meetings_TOTAL', t.meetingsTotal, '', session);
    yield record('trends', 'follow_ups_created', t.followUpsCreated, '', session);
    yield record('trends', 'referral_routes', t.referralRoutes, '', session);
    yield record('trends', 'feedback_answers', t.feedbackAnswers, '', session);
    yield record('trends', 'mean_usefulness', t.meanUsefulness, '', session);
  }
}
