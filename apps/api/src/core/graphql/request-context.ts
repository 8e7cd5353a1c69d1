import type { Request, Response } from 'express';
import type { Actor } from '../auth/role';
import { RequestLoaders } from './request-loaders';

export interface RequestContext {
  /** The HTTP request, or for a subscription the WebSocket's upgrade request. */
  req: Request;
  /** For a subscription there is none: only subscriptions are served over WebSocket, and they set no cookies. */
  res: Response;
  /** Set by the auth guard when a valid session cookie came with the request. */
  actor?: Actor | null;
  /** The one session lookup of this request, shared by every top-level field's guard. */
  actorLookup?: Promise<Actor | null>;
  loaders: RequestLoaders;
  /**
   * signUp for an address already in use answers as for a new account without signing anyone in:
   * the person it returns is shown their own e-mail, as a new account would be.
   */
  echoedPersonId?: string;
}

const loadersByEvent = new WeakMap<object, RequestLoaders>();

/**
 * A subscription's context lives as long as the subscription, so each event is read with its own
 * DataLoaders (nothing cached from an earlier event). They are shared by every subscriber in this
 * process that receives the same event (both pub/sub engines hand them one object), so a fan-out
 * to many sockets reads each slot and person once. Loaders cache rows by id, whoever asks; each
 * subscriber's own rules run in its resolvers.
 */
export function useEventLoaders(ctx: RequestContext, event: object): void {
  let loaders = loadersByEvent.get(event);
  if (!loaders) loadersByEvent.set(event, (loaders = new RequestLoaders()));
  ctx.loaders = loaders;
}
