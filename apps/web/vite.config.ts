import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, loadEnv } from 'vite';

/**
 * `npm run dev -w @cyswllt/web`: the Vite dev server with /graphql (and /exports, CSV downloads) proxied to the API (started
 * with `npm start`, or set CYSWLLT_API_URL), so the browser sees one origin as in production.
 */
export default defineConfig(({ mode }) => {
	// Vite's own loader: CYSWLLT_API_URL from the environment or an .env file.
	const api = loadEnv(mode, import.meta.dirname, 'CYSWLLT_').CYSWLLT_API_URL ?? 'http://127.0.0.1:3000';
	const proxy = {
		'/graphql': { target: api, changeOrigin: false, ws: true },
		'/healthz': { target: api },
		'/exports': { target: api },
	};
	return {
		plugins: [sveltekit()],
		server: { port: 5173, proxy },
		preview: { port: 4173, proxy },
		// The bundle's timing report is noise in `npm test`.
		// livekit-client (about 550 kB minified) is bundled only into the meeting room page's chunk.
		build: {
			target: 'es2022',
			reportCompressedSize: false,
			chunkSizeWarningLimit: 700,
			rolldownOptions: { checks: { bundlerTimings: false } },
		},
	};
});
