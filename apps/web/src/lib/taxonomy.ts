import { TaxonomyDocument } from '@cyswllt/contracts';
import type { TaxonomyQuery, Vocabulary } from '@cyswllt/contracts';
import { gql } from '$lib/graphql/client';

export type Term = TaxonomyQuery['taxonomy'][number];

const cache = new Map<Vocabulary, Promise<Term[]>>();

/** A vocabulary's terms (conditions, regions, art forms), asked for once per page load. */
export function terms(vocabulary: Vocabulary): Promise<Term[]> {
	let promise = cache.get(vocabulary);
	if (!promise) {
		promise = gql(TaxonomyDocument, { vocabulary }).then((data) => data.taxonomy);
		promise.catch(() => cache.delete(vocabulary));
		cache.set(vocabulary, promise);
	}
	return promise;
}

export interface Vocabularies {
	conditions: Term[];
	regions: Term[];
}

export async function conditionsAndRegions(): Promise<Vocabularies> {
	const [conditions, regions] = await Promise.all([terms('CONDITION'), terms('REGION')]);
	return { conditions, regions };
}
