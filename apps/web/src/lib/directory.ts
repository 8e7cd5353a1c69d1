import { ApiError } from '$lib/graphql/client';
import type { Language } from '$lib/i18n.svelte';

/**
 * The public referral directory's own feed (Open Referral UK 3.0 JSON at /openreferral, served
 * by the API): the web page reads exactly what link workers' tools import.
 */
export const DIRECTORY_FEED = '/openreferral';

export interface OrukPage<T> {
	total_items: number;
	total_pages: number;
	page_number: number;
	size: number;
	first_page: boolean;
	last_page: boolean;
	empty: boolean;
	contents: T[];
}

export interface OrukTerm {
	id: string;
	name: string;
	taxonomy_id?: string;
	term?: string;
}

export interface OrukTaxonomy {
	id: string;
	name: string;
}

export interface OrukServiceSummary {
	id: string;
	name: string;
	description?: string;
	url?: string;
	email?: string;
	organization?: { id: string; name: string; description: string };
}

export interface OrukService extends OrukServiceSummary {
	service_areas: { id: string; name?: string }[];
	service_at_locations: { id: string; location: { location_type: string; name?: string } }[];
	languages: { id: string; name?: string; code?: string }[];
	attributes: { id: string; taxonomy_term?: OrukTerm }[];
}

async function read<T>(path: string, params: Record<string, string | number | undefined>): Promise<T> {
	const query = new URLSearchParams();
	for (const [key, value] of Object.entries(params))
		if (value !== undefined && value !== '') query.set(key, String(value));
	let response: Response;
	try {
		response = await fetch(`${DIRECTORY_FEED}${path}?${query.toString()}`, { headers: { accept: 'application/json' } });
	} catch (error) {
		throw new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : String(error));
	}
	const body = (await response.json().catch(() => undefined)) as (T & { error?: string; message?: string }) | undefined;
	if (!response.ok || body === undefined)
		throw new ApiError(body?.error ?? 'BAD_RESPONSE', body?.message ?? `HTTP ${response.status}`);
	return body;
}

export interface ServiceFilter {
	search?: string;
	termId?: string;
	page: number;
}

export const DIRECTORY_PAGE_SIZE = 10;

export function services(filter: ServiceFilter, lang: Language): Promise<OrukPage<OrukServiceSummary>> {
	return read('/services', {
		search: filter.search,
		taxonomy_term_id: filter.termId,
		page: filter.page,
		per_page: DIRECTORY_PAGE_SIZE,
		lang,
	});
}

export function service(id: string, lang: Language): Promise<OrukService> {
	return read(`/services/${encodeURIComponent(id)}`, { lang });
}

/** Every taxonomy with its terms, for the filter. */
export async function vocabularies(lang: Language): Promise<{ taxonomy: OrukTaxonomy; terms: OrukTerm[] }[]> {
	const taxonomies = await read<OrukPage<OrukTaxonomy>>('/taxonomies', { per_page: 100, lang });
	return Promise.all(
		taxonomies.contents.map(async (taxonomy) => ({
			taxonomy,
			terms: (await read<OrukPage<OrukTerm>>('/taxonomy_terms', { taxonomy_id: taxonomy.id, per_page: 100, lang }))
				.contents,
		})),
	);
}
