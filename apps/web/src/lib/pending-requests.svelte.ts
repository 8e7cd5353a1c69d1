import { MeetingRequestReceivedDocument, PendingReceivedRequestsDocument } from '@cyswllt/contracts';
import type { RequestFieldsFragment } from '@cyswllt/contracts';
import { gql } from '$lib/graphql/client';
import { subscribe } from '$lib/graphql/live';
import { viewer } from '$lib/viewer.svelte';

type ArrivalListener = (request: RequestFieldsFragment | undefined) => void;

/**
 * How many meeting requests wait for the viewer's answer: shown beside "Requests" in the
 * navigation, refreshed on every page change, after answering one, and live when one arrives
 * (to the viewer as addressee or invited third party), which the requests page also hears.
 */
class PendingRequests {
	count = $state(0);
	#seq = 0;
	readonly #listeners = new Set<ArrivalListener>();

	async refresh(): Promise<void> {
		const seq = ++this.#seq;
		if (!viewer.signedIn) {
			this.count = 0;
			return;
		}
		try {
			const { myMeetingRequests } = await gql(PendingReceivedRequestsDocument, {});
			if (seq === this.#seq) this.count = myMeetingRequests.length;
		} catch {
			// The count is a hint; the requests page shows the real state and any error.
		}
	}

	/** Follows new requests while signed in; returns the function that stops. */
	follow(): () => void {
		const arrived = (request: RequestFieldsFragment | undefined) => {
			void this.refresh();
			for (const listener of this.#listeners) listener(request);
		};
		// After a lost connection, requests may have arrived unheard: read afresh.
		return subscribe(MeetingRequestReceivedDocument, {}, (data) => arrived(data.meetingRequestReceived), {
			onReconnected: () => arrived(undefined),
		});
	}

	/** Calls `listener` with each request that arrives (undefined: some may have, read afresh). */
	onArrival(listener: ArrivalListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

export const pendingRequests = new PendingRequests();
