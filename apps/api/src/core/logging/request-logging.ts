import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { pinoHttp } from 'pino-http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming request id we keep: short, and only characters that are safe in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The logger of the request being handled (bound to its request id), for code far from `req`. */
const requestLoggers = new AsyncLocalStorage<Logger>();

export function currentRequestLogger(): Logger | undefined {
  return requestLoggers.getStore();
}

/** Set by the GraphQL operation plugin once the operation is known; logged on the request's last line. */
export interface OperationAware {
  graphqlOperation?: string;
}

export function requestIdOf(req: Request): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The parts of a request worth a log line: no headers, no query string (GET /graphql carries variables there), no address. */
function serializeRequest(req: Request & { id?: unknown; raw?: Request }): Record<string, unknown> {
  const raw = req.raw ?? req;
  return { id: req.id, method: raw.method, path: (raw.originalUrl ?? raw.url ?? '').split('?')[0] };
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
 * pino-http makes the root logger itself, from `options`: it may resolve another copy of pino than
 * ours, and its loggers only work with their own copy's internals.
 */
export function createHttpLogging(options: LoggerOptions, destination: DestinationStream | undefined, settings: { quietPaths?: string[] } = {}): HttpLogging {
  const ignored = new Set(settings.quietPaths ?? []);
  const http = pinoHttp({
    ...(options as object),
    quietReqLogger: true,
    genReqId: (req, res) => {
      const id = requestIdOf(req as Request);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    serializers: {
      req: serializeRequest,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => {
      const operation = (req as OperationAware).graphqlOperation;
      return operation ? { graphqlOperation: operation } : {};
    },
    // A 4xx is the client's doing, not the service's: info, so warn and error stay worth a look.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    autoLogging: { ignore: (req) => ignored.has((req.url ?? '').split('?')[0]) },
  }, destination);
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    http(req, res);
    requestLoggers.run(req.log, () => next());
  };
  return { root: http.logger as unknown as Logger, middleware };
}
