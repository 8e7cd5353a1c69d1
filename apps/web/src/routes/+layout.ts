import type { LayoutLoad } from './$types';
import { viewer } from '$lib/viewer.svelte';

// A single-page app: everything renders in the browser; the API serves build/index.html.
export const ssr = false;
export const prerender = false;

/** Who is signed in, once, before the first page renders (the header and page guards need it). */
export const load: LayoutLoad = async ({ fetch }) => {
	if (!viewer.loaded) await viewer.load(fetch);
	return {};
};
