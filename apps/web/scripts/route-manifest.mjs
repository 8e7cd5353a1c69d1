#!/usr/bin/env node
/**
 * Writes build/routes.json: the app's pages as anchored regular expressions, read from the
 * src/routes tree after `vite build`. The API serves the SPA's index.html for any HTML request and
 * answers 200 only for these paths, 404 for the rest (apps/api/src/core/web/web-app.ts).
 *
 * SvelteKit's route syntax: `(group)` folders add no segment, `[param]` and `[param=matcher]` match
 * one segment, `[[optional]]` one or none, `[...rest]` any number. `[lang=lang]`, the language
 * every page's address starts with (src/params/lang.ts), matches only `cy` or `en`.
 *
 * `indexable` lists the patterns of the pages search engines may index (src/lib/indexable-routes.js);
 * the API answers the others with `X-Robots-Tag: noindex`.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEXABLE_ROUTES } from '../src/lib/indexable-routes.js';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const routesDir = join(web, 'src', 'routes');
const buildDir = join(web, 'build');

/** Every folder under src/routes holding a +page.svelte, relative to it. */
function pageFolders(dir) {
	const found = existsSync(join(dir, '+page.svelte')) ? [relative(routesDir, dir)] : [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) found.push(...pageFolders(path));
	}
	return found;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One route folder as an anchored pattern over the URL path (a trailing slash allowed). */
export function routePattern(folder) {
	let pattern = '';
	for (const segment of folder.split(sep).filter(Boolean)) {
		if (/^\(.+\)$/.test(segment)) continue;
		if (segment === '[lang=lang]') pattern += '/(?:cy|en)';
		else if (/^\[\.\.\.[^\]]+\]$/.test(segment)) pattern += '(?:/.*)?';
		else if (/^\[\[[^\]]+\]\]$/.test(segment)) pattern += '(?:/[^/]+)?';
		else
			pattern += `/${segment
				.split(/(\[[^\]]+\])/)
				.map((part) => (/^\[[^\]]+\]$/.test(part) ? '[^/]+' : escape(part)))
				.join('')}`;
	}
	return pattern === '' ? '^/$' : `^${pattern}/?$`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (!existsSync(buildDir)) throw new Error(`${buildDir} is missing: run vite build first`);
	const folders = pageFolders(routesDir).sort();
	const patterns = folders.map(routePattern);
	const routeId = (folder) => `/${folder.split(sep).join('/')}`.replace(/\/$/, '') || '/';
	const missing = INDEXABLE_ROUTES.filter((id) => !folders.some((folder) => routeId(folder) === id));
	if (missing.length > 0)
		throw new Error(`indexable-routes.js lists pages the app does not have: ${missing.join(', ')}`);
	const indexable = folders.filter((folder) => INDEXABLE_ROUTES.includes(routeId(folder))).map(routePattern);
	writeFileSync(join(buildDir, 'routes.json'), `${JSON.stringify({ patterns, indexable }, null, 1)}\n`);
	console.log(`routes.json: ${patterns.length} pages`);
}
