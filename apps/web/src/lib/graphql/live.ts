import type { TypedDocumentString } from '@cyswllt/contracts';
import { createClient, type Client } from 'graphql-ws';
import { GRAPHQL_PATH } from './client';

/**
 * Live updates: GraphQL subscriptions over graphql-ws on the page's own origin (/graphql), with
 * the login cookie the browser sends on the WebSocket upgrade. One connection for the whole app,
 * opened with the first subscription and closed with the last; a lost connection is retried with
 * exponential backoff (the server refuses a signed-out browser before the socket opens, which a
 * browser cannot tell from a network failure, so the waits grow long rather than stop).
 */
let client: Client | undefined;
const reconnectListeners = new Set<() => void>();

function liveClient(): Client {
	client ??= createClient({
		url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`,
		lazy: true,
		retryAttempts: Infinity,
		on: {
			connected: (_socket, _payload, wasRetry) => {
				if (wasRetry) for (const listener of reconnectListeners) listener();
			},
		},
	});
	return client;
}

export interface LiveOptions {
	/** After a lost connection came back: events may have been missed, so read afresh. */
	onReconnected?: () => void;
}

/** Subscribes; returns the function that unsubscribes (call it when the page goes). */
export function subscribe<TResult, TVariables>(
	document: TypedDocumentString<TResult, TVariables>,
	variables: TVariables,
	onData: (data: TResult) => void,
	options: LiveOptions = {},
): () => void {
	const { onReconnected } = options;
	if (onReconnected) reconnectListeners.add(onReconnected);
	const stop = liveClient().subscribe<TResult>(
		{ query: document.toString(), variables: variables as Record<string, unknown> },
		{
			next: (result) => {
				if (result.data) onData(result.data);
			},
			// A refused or failed subscription leaves the page as it is: it still works by reloading.
			error: () => undefined,
			complete: () => undefined,
		},
	);
	return () => {
		if (onReconnected) reconnectListeners.delete(onReconnected);
		stop();
	};
}
