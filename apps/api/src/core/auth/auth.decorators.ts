import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from '../graphql/request-context';
import { Role } from './role';

export const PUBLIC_KEY = 'cyswllt:public';
export const ROLES_KEY = 'cyswllt:roles';

/** Anyone may call this, signed in or not. Everything else needs a signed-in user. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles (and admins) may call this. Ownership is checked in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
  return ctx.actor;
});
