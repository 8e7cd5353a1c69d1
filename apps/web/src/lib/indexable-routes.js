/**
 * The pages search engines may index: the ones anybody sees the same, signed out (SvelteKit route
 * ids). Every other page — signed-in areas, links with tokens, the error page — says `noindex`,
 * in the page (the root layout's robots meta) and in its HTTP answer (X-Robots-Tag, from the
 * routes.json the build writes: scripts/route-manifest.mjs, apps/api/src/core/web/web-app.ts).
 * A signed-in visitor's view of these pages says `noindex` too (the layout).
 */
export const INDEXABLE_ROUTES = [
	'/[lang=lang]',
	'/[lang=lang]/sessions',
	'/[lang=lang]/sessions/[id]',
	'/[lang=lang]/directory',
	'/[lang=lang]/sign-in',
	'/[lang=lang]/sign-up',
];
