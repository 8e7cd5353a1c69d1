import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GRAPHQL_PATH } from '../graphql/graphql-options';

/** A NUL character, or a UTF-16 surrogate that is not half of a pair (malformed text). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const MALFORMED = /\u0000|\p{Surrogate}/u;

/** Deeper than any input type this API has: past it, nesting itself is refused. */
const MAX_DEPTH = 32;

/**
 * Where under `value` the first malformed text is: a string (or an object key) holding NUL, which
 * PostgreSQL can neither store nor compare, or a lone surrogate, which is not text at all (e-mail
 * validators and encoders throw on it). `undefined` when every string is well formed.
 */
export function malformedTextPath(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return MALFORMED.test(value) ? path || '(value)' : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (depth > MAX_DEPTH) return path || '(value)';
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (MALFORMED.test(key)) return here;
    const found = malformedTextPath(item, here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const MESSAGE = 'must not contain the NUL character or malformed (unpaired surrogate) text';

/** The path's segments, decoded; `undefined` if one is not valid percent-encoding. */
function decodedPath(url: string): string[] | undefined {
  const path = url.split('?', 1)[0];
  try {
    return path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** GraphQL over GET carries its variables and extensions as JSON text in the query string. */
function graphqlGetValues(req: Request): unknown[] {
  if (req.method !== 'GET' || req.path !== GRAPHQL_PATH) return [];
  const values: unknown[] = [];
  for (const name of ['variables', 'extensions']) {
    const text = (req.query as Record<string, unknown>)[name];
    if (typeof text !== 'string') continue;
    try {
      values.push(JSON.parse(text));
    } catch {
      // not JSON: Apollo answers that itself
    }
  }
  return values;
}

/**
 * The one edge check for text, on every HTTP request after the body parsers: the path, the query
 * string and a parsed JSON body (GraphQL's document, variables and extensions included) must hold
 * no NUL and no lone surrogate. A request that does is answered 400 before any handler runs, so it
 * changes nothing: as a GraphQL error with `extensions.code` BAD_USER_INPUT on /graphql, elsewhere
 * as JSON `{ "error": "BAD_USER_INPUT", "message": … }`. Raw bodies (the signed LiveKit webhook)
 * are bytes, checked by their signature, not here. WebSocket subscriptions call
 * `malformedTextPath` on their variables (subscription-server.ts).
 */
export function refuseMalformedText(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const segments = decodedPath(req.originalUrl ?? req.url);
    const where =
      segments === undefined
        ? 'path'
        : (malformedTextPath(segments, 'path') ??
          malformedTextPath(req.query, 'query') ??
          malformedTextPath(req.body, 'body') ??
          graphqlGetValues(req).reduce<string | undefined>(
            (found, value) => found ?? malformedTextPath(value, 'query'),
            undefined,
          ));
    if (where === undefined) return next();
    const message = `Invalid input — ${where}: ${segments === undefined ? 'malformed percent-encoding' : MESSAGE}`;
    if (req.path === GRAPHQL_PATH) {
      res
        .status(400)
        .json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields: { [where]: [MESSAGE] } } }] });
    } else {
      res.status(400).json({ error: 'BAD_USER_INPUT', message });
    }
  };
}

/**
 * The same refusal for a document's inline string values, whose escapes (`"\u0000"`) the GraphQL
 * lexer turns into the very characters refused above: a validation error (400), so nothing runs.
 * In Apollo's and the WebSocket server's validation rules.
 */
export function wellFormedStringsRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (MALFORMED.test(node.value))
        context.reportError(new GraphQLError(`Invalid input — a string value ${MESSAGE}.`, { nodes: node }));
    },
  };
}
