import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from '../graphql/request-context';
import { Role } from './role';

export const PUBLIC_KEY = 'cyswllt:public';
export const ROLES_KEY = 'cyswllt:roles';
export const CONFIRMED_EMAIL_KEY = 'cyswllt:confirmed-email';

/** Anyone may call this, signed in or not. Everything else needs a signed-in user. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Only an account whose e-mail address is confirmed may call this (acting towards other people:
 * requests, bookings, registrations, proposals); others get EMAIL_NOT_CONFIRMED.
 */
export const ConfirmedEmail = () => SetMetadata(CONFIRMED_EMAIL_KEY, true);

/** Only these roles (and admins) may call this. Ownership is checked in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
  return ctx.actor;
});
