import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '../../config/app-config';

/** Paths the API answers itself; the web app's fallback never takes them. */
const API_PATHS = ['/graphql', '/healthz', '/metrics', '/livekit', '/openreferral', '/account/my-data', '/calendar', '/unsubscribe', '/exports'];

/** SvelteKit's content-hashed files, which never change under the same name. */
const IMMUTABLE = join('_app', 'immutable');

/** The app's HTML is checked for a new build on every visit (security headers: security-headers.ts). */
function setHtmlHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
}

function isApiPath(path: string): boolean {
  return API_PATHS.some((api) => path === api || path.startsWith(`${api}/`));
}

/**
 * Serves the built web app (apps/web/build, a SvelteKit SPA) on the API's own origin, so the
 * browser sees one origin in every mode (DESIGN.md §5): the files as they are, and index.html for
 * any other GET that asks for HTML (the SPA's client-side routes). API_PATHS (/graphql, /healthz,
 * /metrics, the LiveKit webhook, the referral directory, the data download, calendar feeds,
 * unsubscribe links) are never taken. Does nothing when config.webRoot holds no index.html (e.g.
 * the web app was not built).
 *
 * @returns the folder served, or undefined when there is nothing to serve.
 */
export function serveWebApp(app: NestExpressApplication, config: AppConfig): string | undefined {
  const root = resolve(config.webRoot);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return undefined;

  app.useStaticAssets(root, {
    index: false,
    redirect: false,
    setHeaders: (res: Response, path: string) => {
      if (path.includes(IMMUTABLE)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else if (path.endsWith('.html')) setHtmlHeaders(res);
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !wantsHtml || isApiPath(req.path)) return next();
    setHtmlHeaders(res);
    res.sendFile(index, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  new Logger('WebApp').log(`Serving the web app at / from ${root}`);
  return root;
}
