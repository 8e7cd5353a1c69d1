import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { Actor } from '../../core/auth/role';
import { SessionCookie } from '../../core/auth/session-cookie';
import type { RequestContext } from '../../core/graphql/request-context';
import { EraseMyAccountInput } from './inputs/account.inputs';
import { PrivacyService } from './privacy.service';

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  /**
   * Rule: signed in; erases only the caller's own account (password and typed e-mail address),
   * then signs this browser out. Errors: INVALID_CREDENTIALS, ERASURE_NOT_CONFIRMED, ERASURE_BLOCKED.
   */
  @Mutation(() => Boolean)
  async eraseMyAccount(
    @Args('input') input: EraseMyAccountInput,
    @CurrentUser() actor: Actor,
    @Context() ctx: RequestContext,
  ): Promise<boolean> {
    await this.privacy.eraseAccount(actor, input.password, input.confirmation, ctx.req.ip ?? 'unknown');
    SessionCookie.clear(ctx.res);
    return true;
  }
}
