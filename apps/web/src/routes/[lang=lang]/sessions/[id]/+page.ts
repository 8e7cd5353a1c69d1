import { SessionDetailDocument } from '@cyswllt/contracts';
import type { SessionDetailQuery } from '@cyswllt/contracts';
import type { PageLoad } from './$types';
import { gql } from '$lib/graphql/client';

export type SessionDetail = SessionDetailQuery['session'];

/** The session itself starts loading with the navigation; the page shows its loading state. */
export const load: PageLoad = ({ params, fetch }) => ({
	id: params.id,
	session: gql(SessionDetailDocument, { id: params.id }, { fetch }).then((data): SessionDetail => data.session),
});
