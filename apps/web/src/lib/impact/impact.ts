import type { ImpactDashboardFieldsFragment, ImpactFilterInput, MeetingStatus } from '@cyswllt/contracts';
import { m } from '$lib/paraglide/messages.js';
import { pick } from '$lib/i18n.svelte';
import { meetingStatusLabel } from '$lib/labels';

export type Dashboard = ImpactDashboardFieldsFragment;
export type Count = Dashboard['reach'];
export type Row = Dashboard['meetings'][number];

/** One row of a table or chart: what it is called and its published count. */
export interface LabelledCount {
	label: string;
	count: Count;
}

/** A chart's bars (shown counts above zero; zeros are in the table) and the rows left out because their count is suppressed. */
export interface ChartData {
	bars: { label: string; value: number }[];
	withheld: string[];
}

/**
 * Plots only counts the API shows. A suppressed count has no value (the API sends null), and it
 * is left out of the chart — not drawn as zero or as a guess — and named in the chart's note.
 */
export function chartData(rows: LabelledCount[]): ChartData {
	const bars: ChartData['bars'] = [];
	const withheld: string[] = [];
	for (const { label, count } of rows) {
		if (count.suppressed || count.value === null) withheld.push(label);
		else if (count.value > 0) bars.push({ label, value: count.value });
	}
	return { bars, withheld };
}

const MEETING_STATUSES: readonly string[] = [
	'PROPOSED',
	'CONFIRMED',
	'IN_PROGRESS',
	'COMPLETED',
	'NO_SHOW',
	'CANCELLED',
];

const KEY_LABELS: Record<string, () => string> = {
	NOT_STATED: m.impact_not_stated,
	YES: m.impact_yes,
	NO: m.impact_no,
	SHORT: m.impact_term_short,
	LONG: m.impact_term_long,
	EITHER: m.impact_term_either,
	ARTS_ORGANISATION: m.impact_org_arts_organisation,
	COMMUNITY_ARTS_GROUP: m.impact_org_community_arts_group,
	HEALTH_BOARD: m.impact_org_health_board,
	LOCAL_AUTHORITY: m.impact_org_local_authority,
	GP_CLUSTER: m.impact_org_gp_cluster,
	THIRD_SECTOR: m.impact_org_third_sector,
	FUNDER: m.impact_org_funder,
	REFERRAL_ROUTE: m.impact_kind_referral_route,
	SHARE_EVIDENCE: m.impact_kind_share_evidence,
	PILOT: m.impact_kind_pilot,
	INTRODUCTION: m.impact_kind_introduction,
	FUNDING_BID: m.impact_kind_funding_bid,
	OTHER: m.impact_kind_other,
};

/** A row's name in the shown language: a taxonomy term's own names, or the word for an enum value. */
export function keyLabel(row: { key: string; labelCy?: string | null; labelEn?: string | null }): string {
	if (row.labelCy && row.labelEn) return pick(row.labelCy, row.labelEn);
	if (MEETING_STATUSES.includes(row.key)) return meetingStatusLabel(row.key as MeetingStatus);
	return KEY_LABELS[row.key]?.() ?? row.key;
}

export function labelled(rows: Row[]): LabelledCount[] {
	return rows.map((row) => ({ label: keyLabel(row), count: row.count }));
}

/** The CSV export's address for a filter, in the shown language; the browser sends the login cookie. */
export function csvExportUrl(filter: ImpactFilterInput, language: 'cy' | 'en'): string {
	const query = new URLSearchParams({ lang: language });
	if (filter.sessionIds?.length) query.set('sessionIds', filter.sessionIds.join(','));
	if (filter.from) query.set('from', filter.from);
	if (filter.to) query.set('to', filter.to);
	if (filter.region) query.set('region', filter.region);
	if (filter.condition) query.set('condition', filter.condition);
	return `/exports/impact.csv?${query.toString()}`;
}
