import type { TypedDocumentString } from '@cyswllt/contracts';

/**
 * The web app's GraphQL client: one JSON POST to /graphql on the same origin, with the login
 * cookie (credentials: same-origin). `content-type: application/json` is not a "simple" CORS
 * content type, which is what Apollo's CSRF prevention asks of a browser request.
 *
 * Operations and their types come from @cyswllt/contracts (generated from apps/api/schema.gql).
 */
export const GRAPHQL_PATH = '/graphql';

/** A failed call: `code` is the server's `extensions.code`, or NETWORK_ERROR / BAD_RESPONSE. */
export class ApiError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly details: Record<string, unknown> = {},
	) {
		super(message);
		this.name = 'ApiError';
	}
}

interface GraphQLErrorBody {
	message?: string;
	extensions?: { code?: unknown; [key: string]: unknown };
}

export interface RequestOptions {
	/** SvelteKit's fetch inside a load function; the global fetch otherwise. */
	fetch?: typeof fetch;
	signal?: AbortSignal;
}

export async function gql<TResult, TVariables>(
	document: TypedDocumentString<TResult, TVariables>,
	variables: TVariables,
	options: RequestOptions = {},
): Promise<TResult> {
	const doFetch = options.fetch ?? fetch;
	let response: Response;
	try {
		response = await doFetch(GRAPHQL_PATH, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
			body: JSON.stringify({ query: document.toString(), variables }),
			signal: options.signal,
		});
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error;
		throw new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : String(error));
	}

	let body: { data?: TResult | null; errors?: GraphQLErrorBody[] };
	try {
		body = (await response.json()) as typeof body;
	} catch {
		throw new ApiError('BAD_RESPONSE', `HTTP ${response.status}`);
	}
	const first = body.errors?.[0];
	if (first) {
		const { code, ...details } = first.extensions ?? {};
		throw new ApiError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', first.message ?? 'Error', details);
	}
	if (body.data === undefined || body.data === null)
		throw new ApiError('BAD_RESPONSE', `HTTP ${response.status}: no data`);
	return body.data;
}
