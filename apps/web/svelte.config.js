import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A static single-page app: every route renders in the browser (ssr = false in the root layout)
 * and build/index.html is the fallback page the API serves for any client-side route
 * (apps/api/src/core/web/web-app.ts), on the same origin as /graphql.
 */
/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true, strict: true }),
		version: { name: 'cyswllt-web' },
	},
};

export default config;
