import type { ParamMatcher } from '@sveltejs/kit';

/** The first segment of every page's address: the page's language (/cy/…, /en/…). */
export const match: ParamMatcher = (param) => param === 'cy' || param === 'en';
