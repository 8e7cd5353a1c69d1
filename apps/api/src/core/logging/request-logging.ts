import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming request id we keep: short, and only characters that are safe in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request being handled: its id, and its logger once some code asks for one. */
interface RequestScope {
  id: string;
  root: Logger;
  logger?: Logger;
}

const requestScopes = new AsyncLocalStorage<RequestScope>();

/**
 * The logger of the request being handled (bound to its request id), for code far from `req`.
 * Made on first use: most requests write no line but their last, which needs no child logger.
 */
export function currentRequestLogger(): Logger | undefined {
  const scope = requestScopes.getStore();
  if (!scope) return undefined;
  scope.logger ??= scope.root.child({ reqId: scope.id });
  return scope.logger;
}

/** Set by the GraphQL operation plugin once the operation is known; logged on the request's last line. */
export interface OperationAware {
  graphqlOperation?: string;
}

export function requestIdOf(req: Request): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

function pathOf(url: string | undefined): string {
  const path = url ?? '';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/**
 * The root logger and the app's first middleware, which gives every HTTP request an id (a sane incoming x-request-id, else a
 * new UUID), echoes it in the response's x-request-id, binds it to every log line written while the
 * request is handled (through AsyncLocalStorage, so Nest's Logger anywhere below gets it too), and
 * writes one line when the response finishes: status, duration and the GraphQL operation's name.
 */
export interface HttpLogging {
  /** The process's root logger (Nest's logger writes through it). */
  root: Logger;
  middleware: RequestHandler;
}

/**
 * Written by hand rather than with pino-http, which built two child loggers and ran its
 * serializers for every request (a tenth of the API's CPU for a small query, issue #18): the last
 * line is one call on the root logger with plain fields — no headers, no query string (GET
 * /graphql carries variables there), no address.
 */
export function createHttpLogging(
  options: LoggerOptions,
  destination: DestinationStream | undefined,
  settings: { quietPaths?: string[] } = {},
): HttpLogging {
  const ignored = new Set(settings.quietPaths ?? []);
  const root = destination ? pino(options, destination) : pino(options);
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const started = Date.now();
    const id = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, id);
    const path = pathOf(req.originalUrl ?? req.url);
    const quiet = ignored.has(path);
    let done = false;
    // 'error' may come before, or instead of, 'finish' and 'close': the first of them writes the line.
    const complete = (error?: Error) => {
      if (done) return;
      done = true;
      if (quiet && !error) return;
      const status = res.statusCode;
      if (!error && status < 500 && !root.isLevelEnabled('info')) return;
      const fields: Record<string, unknown> = {
        reqId: id,
        req: { id, method: req.method, path },
        res: { statusCode: status },
        responseTime: Date.now() - started,
      };
      const operation = (req as OperationAware).graphqlOperation;
      if (operation) fields.graphqlOperation = operation;
      if (error || status >= 500) {
        // A 4xx is the client's doing, not the service's: info, so warn and error stay worth a look.
        fields.err = error ?? new Error(`failed with status code ${status}`);
        root.error(fields, 'request errored');
      } else {
        root.info(fields, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
      }
    };
    res.on('finish', complete);
    res.on('close', complete);
    res.on('error', complete);
    requestScopes.run({ id, root }, next);
  };
  return { root, middleware };
}
