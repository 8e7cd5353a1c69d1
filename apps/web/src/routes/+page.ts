import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { guessLanguage } from '$lib/i18n.svelte';

/** `/` has no language: the remembered choice, else the browser's (the API does the same before the app loads). */
export const load: PageLoad = ({ url }) => {
	redirect(307, `/${guessLanguage()}${url.search}`);
};
