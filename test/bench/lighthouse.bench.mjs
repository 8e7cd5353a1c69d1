#!/usr/bin/env node
/**
 * `npm run bench:lighthouse` — the web app on a phone, as Lighthouse scores it (issue #20).
 *
 * Starts the built API with the built web app (embedded SQLite, demo data) and runs Lighthouse
 * 12 (13 needs Node 22) in Debian's Chromium on its default MOBILE profile — an emulated
 * mid-range phone, simulated slow 4G and a 4× slower CPU — for:
 * - session: a published session's page, signed in as the demo practitioner;
 * - home: the signed-in home page, as the demo practitioner;
 * - signIn: the sign-in page, signed out;
 * - sessions and directory: the public session listing and the directory, signed out (their SEO
 *   is the aim there; they are public pages search engines index).
 * Signed-in pages get the practitioner's session cookie as an extra header. Beside them, in the same
 * run, the baseline: a small static page (text and a heading, no script) from a bare node:http
 * server, which scores what this machine allows at best under its current load.
 *
 * LIGHTHOUSE_RUNS (3) runs per page; each figure is the median of the runs.
 * Prints a readable report and, as the LAST line, a JSON object with each page's performance,
 * accessibility and SEO scores (0–100), CLS, TBT, LCP and FCP (ms), the JavaScript it loaded (KB as
 * sent, compressed), the baseline's performance score and each page's ratio to it. Aims (reported,
 * not failed): session, home and sign-in performance ≥ 90, CLS ≤ 0.1, TBT ≤ 200 ms; every page
 * accessibility 100; the public pages (signed out) SEO ≥ 95 — signed-in pages say noindex, which
 * Lighthouse's SEO score counts against them. Exits 1 when it cannot run. CI runs it with
 * LIGHTHOUSE_RUNS=1 (six Lighthouse runs, about 3 minutes).
 */
import { createServer } from 'node:http';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { demoSessionCookie, envInt, graphqlClient, requireBuild, startEmbeddedApi } from './support.mjs';

const RUNS = envInt('LIGHTHOUSE_RUNS', 3);
const PRACTITIONER = 'ffion.prydderch@cyswllt.example';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const BASELINE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="A static page."><title>Baseline</title></head><body><main><h1>Baseline</h1><p>A static page with no script.</p></main></body></html>`;

async function startBaseline() {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(BASELINE_HTML);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, stop: () => new Promise((done) => server.close(done)) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** One Lighthouse run in a fresh Chromium (no cache, no state left by the previous run). */
async function audit(url, cookie) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'seo'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    const { categories, audits } = result.lhr;
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    return {
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      seo: Math.round(categories.seo.score * 100),
      jsKb:
        (audits['resource-summary'].details?.items ?? []).find((item) => item.resourceType === 'script')?.transferSize /
        1024,
      cls: audits['cumulative-layout-shift'].numericValue,
      tbtMs: audits['total-blocking-time'].numericValue,
      lcpMs: audits['largest-contentful-paint'].numericValue,
      fcpMs: audits['first-contentful-paint'].numericValue,
    };
  } finally {
    await chrome.kill();
  }
}

/**
 * One run, tried once more when Chromium's trace came out broken (Lighthouse's NO_NAVSTART and
 * the like, seen now and then on a loaded machine): a page that fails twice fails the bench.
 */
async function auditOnce(url, cookie) {
  try {
    return await audit(url, cookie);
  } catch (error) {
    console.error(`${url}: ${error instanceof Error ? error.message : String(error)} — trying once more`);
    return audit(url, cookie);
  }
}

/** The median of each figure over RUNS runs. */
async function score(url, cookie) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await auditOnce(url, cookie));
  const figure = (key) => median(runs.map((run) => run[key]));
  return {
    performance: figure('performance'),
    accessibility: figure('accessibility'),
    seo: figure('seo'),
    jsKb: Math.round(figure('jsKb') * 10) / 10,
    cls: Math.round(figure('cls') * 1000) / 1000,
    tbtMs: Math.round(figure('tbtMs')),
    lcpMs: Math.round(figure('lcpMs')),
    fcpMs: Math.round(figure('fcpMs')),
  };
}

async function main() {
  requireBuild();
  const api = await startEmbeddedApi();
  const baseline = await startBaseline();
  try {
    const cookie = await demoSessionCookie(api.base, PRACTITIONER);
    const call = graphqlClient(api.base);
    const { sessions } = await call(`{ sessions(first: 1) { edges { node { id } } } }`, {});
    const sessionId = sessions.edges[0]?.node.id;
    if (!sessionId) throw new Error('the demo data has no published session');
    const pages = {
      session: { url: `${api.base}/en/sessions/${sessionId}`, cookie, aims: { performance: true } },
      home: { url: `${api.base}/en`, cookie, aims: { performance: true } },
      signIn: { url: `${api.base}/en/sign-in`, aims: { performance: true, seo: true } },
      sessions: { url: `${api.base}/en/sessions`, aims: { seo: true } },
      directory: { url: `${api.base}/en/directory`, aims: { seo: true } },
    };
    const result = {
      bench: 'lighthouse',
      profile: 'mobile',
      runs: RUNS,
      baselinePerformance: (await score(baseline.url)).performance,
    };
    console.log(`baseline (static page): performance ${result.baselinePerformance}`);
    for (const [name, { url, cookie: pageCookie, aims }] of Object.entries(pages)) {
      const figures = await score(url, pageCookie);
      result[name] = { ...figures, ratio: Math.round((figures.performance / result.baselinePerformance) * 100) / 100 };
      const misses = [
        aims.performance && figures.performance < 90 && 'performance',
        aims.performance && figures.cls > 0.1 && 'CLS',
        aims.performance && figures.tbtMs > 200 && 'TBT',
        figures.accessibility < 100 && 'accessibility',
        aims.seo && figures.seo < 95 && 'SEO',
      ].filter(Boolean);
      console.log(
        `${name.padEnd(9)} performance ${figures.performance}, accessibility ${figures.accessibility}, SEO ${figures.seo}, JS ${figures.jsKb} KB, CLS ${figures.cls}, TBT ${figures.tbtMs} ms, LCP ${figures.lcpMs} ms, FCP ${figures.fcpMs} ms${misses.length ? ` — misses: ${misses.join(', ')}` : ''}`,
      );
    }
    console.log(JSON.stringify(result));
  } finally {
    await baseline.stop();
    await api.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
