import { PendingReceivedRequestsDocument } from '@cyswllt/contracts';
import { gql } from '$lib/graphql/client';
import { viewer } from '$lib/viewer.svelte';

/**
 * How many meeting requests wait for the viewer's answer: shown beside "Requests" in the
 * navigation, refreshed on every page change and after answering one.
 */
class PendingRequests {
	count = $state(0);
	#seq = 0;

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
}

export const pendingRequests = new PendingRequests();
