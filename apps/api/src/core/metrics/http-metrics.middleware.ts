import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Metrics } from './metrics';

/** The routes the API answers, as metric labels; everything else is the web app's files. */
const ROUTES = ['/graphql', '/livekit/webhook', '/healthz', '/metrics'];

function routeOf(path: string): string {
  return ROUTES.find((route) => path === route || path.startsWith(`${route}/`)) ?? 'web';
}

/** Times every HTTP request into cyswllt_http_request_duration_seconds. */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpRequestDuration.startTimer();
    // Now, not at 'finish': routers mounted on a path strip it from req.path on the way down.
    const route = routeOf(req.path);
    res.once('finish', () => stop({ method: req.method, route, status: String(res.statusCode) }));
    next();
  };
}
