#!/usr/bin/env node
/**
 * `npm run bench:web` — what the web app costs a visitor (issue #6).
 *
 * 1. Bytes: from the build's Vite manifest (apps/web/.svelte-kit/output/client/.vite/manifest.json)
 *    and SvelteKit's route dictionary, each route's first-load JavaScript is the static-import
 *    closure of the client entry, the app, the root layout and the route's page (what index.html
 *    and the router preload); its CSS is the stylesheets of those chunks. Sizes are gzip -9 of the
 *    built files, as a server or CDN would send them. Lazy chunks (dynamic imports: the LiveKit
 *    client, charts) are not first-load and are listed apart.
 * 2. Time: the built API serves the built app on loopback (embedded database, demo data). In
 *    Debian's Chromium, a fresh context (empty cache) signed in as a demo practitioner opens a
 *    session page BENCH_LOADS times (10); each load records First Contentful Paint and the moment the
 *    session's title is on screen (its data fetched over GraphQL and rendered).
 *
 * Prints a table and, as the LAST line, one JSON object with sessionPageJsKb, sessionPageCssKb,
 * largestRouteJsKb (and which), sessionPageFcpMs and sessionPageContentMs (medians).
 * Aims (reported, not failed): session page ≤ 100 KB of JavaScript gzip, FCP ≤ 1,000 ms.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  envInt,
  graphqlClient,
  DEMO_PASSWORD,
  LOG_IN,
  launchChromium,
  requireBuild,
  root,
  signInContext,
  startEmbeddedApi,
  summary,
  webRoot,
} from './support.mjs';

const LOADS = envInt('BENCH_LOADS', 10);
const PRACTITIONER = 'ffion.prydderch@cyswllt.example';
const SESSION_PAGE = '/[lang=lang]/sessions/[id]';
const kit = join(root, 'apps', 'web', '.svelte-kit');
const CLIENT_ENTRY = '../../node_modules/@sveltejs/kit/src/runtime/client/entry.js';
const APP_ENTRY = '.svelte-kit/generated/client-optimized/app.js';
const nodeKey = (index) => `.svelte-kit/generated/client-optimized/nodes/${index}.js`;

const kb = (bytes) => Math.round(bytes / 102.4) / 10;
const gzipSizes = new Map();
function gzipSize(file) {
  if (!gzipSizes.has(file)) gzipSizes.set(file, gzipSync(readFileSync(join(webRoot, file)), { level: 9 }).length);
  return gzipSizes.get(file);
}

/** Route id → node indexes loaded for it (its page and layouts; the root layout 0 always). */
function routeNodes() {
  const app = readFileSync(join(kit, 'generated', 'client-optimized', 'app.js'), 'utf8');
  const dictionary = app.slice(app.indexOf('export const dictionary'));
  const routes = new Map();
  for (const [, id, tuple] of dictionary.matchAll(/"([^"]+)":\s*(\[[^\n]*\])/g)) {
    // [leaf, [layouts…]?, [errors…]?]; a "~" marks a server load, which an SPA does not have.
    const [leaf, layouts = []] = JSON.parse(tuple.replaceAll('~', ''));
    routes.set(id, [...new Set([0, ...layouts.filter((n) => n !== undefined), leaf])]);
  }
  return routes;
}

/** First-load JS and CSS files of a set of manifest entries: their static-import closure. */
function closure(manifest, keys) {
  const js = new Set();
  const css = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return { js, css };
}

function measureBytes() {
  const manifest = JSON.parse(readFileSync(join(kit, 'output', 'client', '.vite', 'manifest.json'), 'utf8'));
  const rows = [];
  for (const [route, nodes] of routeNodes()) {
    const { js, css } = closure(manifest, [CLIENT_ENTRY, APP_ENTRY, ...nodes.map(nodeKey)]);
    const sum = (files) => [...files].reduce((total, file) => total + gzipSize(file), 0);
    rows.push({ route, jsKb: kb(sum(js)), cssKb: kb(sum(css)), files: js.size });
  }
  const firstLoad = new Set(
    rows.flatMap(({ route }) => [
      ...closure(manifest, [CLIENT_ENTRY, APP_ENTRY, ...routeNodes().get(route).map(nodeKey)]).js,
    ]),
  );
  const lazy = Object.values(manifest)
    .filter((chunk) => chunk.file.endsWith('.js') && !firstLoad.has(chunk.file))
    .map((chunk) => ({ file: chunk.file, name: chunk.name ?? chunk.src ?? '', kb: kb(gzipSize(chunk.file)) }))
    .sort((a, b) => b.kb - a.kb);
  const html = kb(gzipSync(readFileSync(join(webRoot, 'index.html')), { level: 9 }).length);
  return { rows: rows.sort((a, b) => a.route.localeCompare(b.route)), lazy, html };
}

async function measureSessionPage() {
  const api = await startEmbeddedApi();
  try {
    const call = graphqlClient(api.base);
    await call(LOG_IN, { input: { email: PRACTITIONER, password: DEMO_PASSWORD } });
    const { sessions } = await call(`{ sessions(first: 1) { edges { node { id titleEn } } } }`, {});
    const session = sessions.edges[0]?.node;
    if (!session) throw new Error('the demo data has no published session');
    const browser = await launchChromium();
    const fcp = [];
    const content = [];
    try {
      for (let i = 0; i < LOADS; i += 1) {
        const context = await browser.newContext({
          locale: 'en-GB',
          timezoneId: 'Europe/London',
          viewport: { width: 1280, height: 900 },
        });
        await signInContext(context, api.base, PRACTITIONER);
        const page = await context.newPage();
        await page.goto(`${api.base}/en/sessions/${session.id}`, { waitUntil: 'commit' });
        // The moment the title is rendered, on the page's own clock (ms since navigation start).
        const shown = await page.waitForFunction(
          (title) =>
            [...document.querySelectorAll('h1')].some((h) => h.textContent?.trim() === title)
              ? performance.now()
              : false,
          session.titleEn,
          {
            polling: 'raf',
            timeout: 30_000,
          },
        );
        content.push(await shown.jsonValue());
        // The paint entry is recorded when the frame that showed it is presented, just after.
        const painted = await page.waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false,
          undefined,
          { polling: 'raf' },
        );
        fcp.push(await painted.jsonValue());
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return { fcp: summary(fcp), content: summary(content) };
  } finally {
    await api.stop();
  }
}

async function main() {
  requireBuild();
  const bytes = measureBytes();
  const timing = await measureSessionPage();

  console.log(`\nFirst-load bytes per route (gzip -9; index.html ${bytes.html} KB):`);
  console.log('route'.padEnd(28), 'JS KB'.padStart(8), 'CSS KB'.padStart(8), 'chunks'.padStart(8));
  for (const row of bytes.rows)
    console.log(
      row.route.padEnd(28),
      String(row.jsKb).padStart(8),
      String(row.cssKb).padStart(8),
      String(row.files).padStart(8),
    );
  console.log(
    `\nLoaded later, on demand (largest first): ${
      bytes.lazy
        .slice(0, 5)
        .map((c) => `${c.name || c.file} ${c.kb} KB`)
        .join(', ') || 'none'
    }`,
  );
  const sessionRow = bytes.rows.find((row) => row.route === SESSION_PAGE);
  const largest = bytes.rows.reduce((a, b) => (b.jsKb > a.jsKb ? b : a));
  console.log(
    `\nSession page in Chromium on loopback, ${LOADS} cold loads: FCP median ${timing.fcp.p50} ms (p90 ${timing.fcp.p90}), title on screen median ${timing.content.p50} ms (p90 ${timing.content.p90})`,
  );
  console.log(`Aims: session page JS ${sessionRow.jsKb} KB ≤ 100 KB; FCP ${timing.fcp.p50} ms ≤ 1,000 ms`);
  console.log(
    JSON.stringify({
      bench: 'web',
      cores: os.cpus().length,
      loads: LOADS,
      sessionPageJsKb: sessionRow.jsKb,
      sessionPageCssKb: sessionRow.cssKb,
      largestRouteJsKb: largest.jsKb,
      largestRoute: largest.route,
      sessionPageFcpMs: timing.fcp.p50,
      sessionPageFcpP90Ms: timing.fcp.p90,
      sessionPageContentMs: timing.content.p50,
      jsAimMet: sessionRow.jsKb <= 100,
      fcpAimMet: timing.fcp.p50 <= 1000,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
