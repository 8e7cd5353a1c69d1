import type { Request, Response } from 'express';
import type { Actor } from '../auth/role';
import { RequestLoaders } from './request-loaders';

export interface RequestContext {
  req: Request;
  res: Response;
  /** Set by the auth guard when a valid session cookie came with the request. */
  actor?: Actor | null;
  /** The one session lookup of this request, shared by every top-level field's guard. */
  actorLookup?: Promise<Actor | null>;
  loaders: RequestLoaders;
}
