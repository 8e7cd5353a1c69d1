import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { CommonError } from '../errors/common.errors';
import type { RequestContext } from '../graphql/request-context';
import { CONFIRMED_EMAIL_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { LoginSessionService } from './login-session.service';
import { SessionCookie } from './session-cookie';
import { hasRole, Role } from './role';

/**
 * Global guard: resolves the session cookie once per request, then applies the operation's
 * declared rule (@Public, or signed in, plus @Roles). Ownership rules live in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: LoginSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (ctx.actor === undefined) {
      const token = SessionCookie.read(ctx.req);
      ctx.actorLookup ??= token ? this.sessions.resolve(token) : Promise.resolve(null);
      const actor = await ctx.actorLookup;
      if (ctx.actor === undefined) ctx.actor = actor;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!ctx.actor) throw CommonError.unauthenticated();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(ctx.actor, ...roles)) throw CommonError.forbidden(`only ${roles.join(', ')}`);
    if (!ctx.actor.emailConfirmed && this.reflector.getAllAndOverride<boolean>(CONFIRMED_EMAIL_KEY, targets))
      throw CommonError.emailNotConfirmed();
    return true;
  }
}
