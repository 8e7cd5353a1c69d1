import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { AppConfig } from '../../config/app-config';

/** Paths the API answers itself; the web app's fallback never takes them. */
const API_PATHS = [
  '/graphql',
  '/healthz',
  '/metrics',
  '/livekit',
  '/openreferral',
  '/account/my-data',
  '/calendar',
  '/unsubscribe',
  '/exports',
];

/** SvelteKit's content-hashed files, which never change under the same name. */
const IMMUTABLE = join('_app', 'immutable');

/** The app's HTML is checked for a new build on every visit (security headers: security-headers.ts). */
function setHtmlHeaders(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-cache');
}

function isApiPath(path: string): boolean {
  return API_PATHS.some((api) => path === api || path.startsWith(`${api}/`));
}

/**
 * Whether a path is one of the app's pages, from the routes.json the web build writes
 * (apps/web/scripts/route-manifest.mjs): a page the app does not have is answered 404, not 200,
 * so that search engines, link checkers and monitors see the truth. A build without the list (an
 * older one) has every path taken as a page, as before.
 */
function appRouteMatcher(
  root: string,
  logger: Logger,
): { isPage: (path: string) => boolean; isIndexable: (path: string) => boolean } {
  const file = join(root, 'routes.json');
  if (!existsSync(file)) {
    logger.warn(`${file} is missing: every path is answered as a page of the app`);
    return { isPage: () => true, isIndexable: () => true };
  }
  const { patterns, indexable = patterns } = JSON.parse(readFileSync(file, 'utf8')) as {
    patterns: string[];
    indexable?: string[];
  };
  const matcher = (list: string[]) => {
    const routes = list.map((pattern) => new RegExp(pattern));
    return (path: string) => routes.some((route) => route.test(path));
  };
  return { isPage: matcher(patterns), isIndexable: matcher(indexable) };
}

/**
 * The HTTP status of one of the app's pages, from what the page shows (e.g. 404 for a session that
 * does not exist, 410 for one that was cancelled); undefined (200) when it has nothing to say.
 * Domain modules provide them (bootstrap.ts); core knows none of them.
 */
export type PageStatus = (path: string) => Promise<number | undefined>;

type PageLanguage = 'cy' | 'en';

/** The language at the start of a path (/cy/…, /en/…), if any. */
function pathLanguage(path: string): PageLanguage | undefined {
  return (/^\/(cy|en)(?:\/|$)/.exec(path)?.[1] as PageLanguage | undefined) ?? undefined;
}

/**
 * Where an address without a language leads: the choice the visitor made with the language switch
 * (the `cyswllt_lang` cookie, apps/web/src/lib/i18n.svelte.ts), else Welsh when the browser lists
 * Welsh at all in Accept-Language, else English.
 */
export function chooseLanguage(cookieHeader: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  const chosen = /(?:^|;\s*)cyswllt_lang=(cy|en)(?:;|$)/.exec(cookieHeader ?? '')?.[1] as PageLanguage | undefined;
  if (chosen) return chosen;
  const listsWelsh = (acceptLanguage ?? '').split(',').some((part) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return /^cy(?:-|$)/i.test(tag ?? '') && (q === undefined || Number(q) > 0);
  });
  return listsWelsh ? 'cy' : 'en';
}

/**
 * Serves the built web app (apps/web/build, a SvelteKit SPA) on the API's own origin, so the
 * browser sees one origin in every mode (docs/architecture.md#running-modes): the files as they
 * are (precompressed when the browser accepts it), and index.html for any other GET that asks for
 * HTML — 200 for the SPA's client-side routes, 404 for any other path (and what `pageStatuses` say of
 * the pages of things that do not exist or were removed), `X-Robots-Tag: noindex` for
 * all but the public pages (routes.json's `indexable`). Every page's address starts
 * with its language (/cy/…, /en/…); `/` and the older addresses without one (links in e-mails
 * already sent) are redirected to the visitor's language (chooseLanguage). API_PATHS (/graphql, /healthz,
 * /metrics, the LiveKit webhook, the referral directory, the data download, calendar feeds,
 * unsubscribe links) are never taken. Does nothing when config.webRoot holds no index.html (e.g.
 * the web app was not built).
 *
 * @returns the folder served, or undefined when there is nothing to serve.
 */
export function serveWebApp(
  app: NestExpressApplication,
  config: AppConfig,
  pageStatuses: PageStatus[] = [],
): string | undefined {
  const root = resolve(config.webRoot);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return undefined;

  const logger = new Logger('WebApp');
  const { isPage: isAppRoute, isIndexable } = appRouteMatcher(root, logger);
  // The build writes a brotli and a gzip twin beside each file (precompress): sent to browsers
  // that accept them, so nothing is compressed per request.
  app.use(
    expressStaticGzip(root, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: {
        index: false,
        redirect: false,
        setHeaders: (res: ServerResponse, path: string) => {
          if (path.includes(IMMUTABLE)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          else if (path.endsWith('.html')) setHtmlHeaders(res);
          else res.setHeader('Cache-Control', 'no-cache');
        },
      },
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !wantsHtml || isApiPath(req.path)) return next();
    setHtmlHeaders(res);
    if (!pathLanguage(req.path) && isAppRoute(`/cy${req.path === '/' ? '' : req.path}`)) {
      const target = `/${chooseLanguage(req.headers.cookie, req.headers['accept-language'])}${req.path === '/' ? '' : req.path}`;
      const query = req.originalUrl.indexOf('?');
      res.setHeader('Vary', 'Cookie, Accept-Language');
      return res.redirect(302, query === -1 ? target : target + req.originalUrl.slice(query));
    }
    void pageStatus(req.path).then((status) => {
      // The app itself shows its "page not found" (or what was removed); the status says it too.
      if (status !== 200) res.status(status);
      // Signed-in areas, links with tokens and "not found" stay out of search engines (the page's
      // robots meta says it too, for crawlers that run the app).
      if (status !== 200 || !isIndexable(req.path)) res.setHeader('X-Robots-Tag', 'noindex');
      res.sendFile(index, (error?: Error) => {
        if (error && !res.headersSent) next(error);
      });
    }, next);
  });

  /** 404 for a path that is not a page, else what the first provider that knows says, else 200. */
  async function pageStatus(path: string): Promise<number> {
    if (!isAppRoute(path)) return 404;
    for (const status of pageStatuses) {
      const known = await status(path);
      if (known !== undefined) return known;
    }
    return 200;
  }
  logger.log(`Serving the web app at / from ${root}`);
  return root;
}
