import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Public, Roles } from '../../core/auth/auth.decorators';
import { Actor, hasRole } from '../../core/auth/role';
import { SessionCookie } from '../../core/auth/session-cookie';
import { CommonError } from '../../core/errors/common.errors';
import type { RequestContext } from '../../core/graphql/request-context';
import { Role } from './accounts.enums';
import { OrganisationLoader, UserLoader } from './accounts.loaders';
import { AccountsService, SignedIn } from './accounts.service';
import { AcceptInvitationInput, CreateInvitationInput, LogInInput, RequestPasswordResetInput, ResetPasswordInput, SignUpInput, UpdateMeInput } from './inputs/account.inputs';
import { InvitationLink } from './models/invitation-link.model';
import { Organisation } from './models/organisation.model';
import { Person } from './models/person.model';

@Resolver(() => Person)
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly userLoader: UserLoader,
    private readonly organisationLoader: OrganisationLoader,
  ) {}

  /** Rule: anyone; null when not signed in. */
  @Public()
  @Query(() => Person, { nullable: true })
  async me(@Context() ctx: RequestContext): Promise<Person | null> {
    if (!ctx.actor) return null;
    const user = await this.userLoader.load(ctx, ctx.actor.id);
    return user && Person.from(user);
  }

  /** Rule: any signed-in user may see another participant's public card. */
  @Query(() => Person)
  async person(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Person> {
    const user = await this.userLoader.load(ctx, id);
    if (!user) throw CommonError.notFound('Person', id);
    return Person.from(user);
  }

  /** Rule: anyone; creates a PRACTITIONER account and signs it in. */
  @Public()
  @Mutation(() => Person)
  async signUp(@Args('input') input: SignUpInput, @Context() ctx: RequestContext): Promise<Person> {
    return this.startSession(ctx, await this.accounts.signUp(input, SessionCookie.read(ctx.req)));
  }

  /** Rule: anyone; throttled per e-mail and client. */
  @Public()
  @Mutation(() => Person)
  async logIn(@Args('input') input: LogInInput, @Context() ctx: RequestContext): Promise<Person> {
    const client = ctx.req.ip ?? 'unknown';
    return this.startSession(ctx, await this.accounts.logIn(input.email, input.password, client, SessionCookie.read(ctx.req)));
  }

  /** Rule: anyone; revokes this browser's session. */
  @Public()
  @Mutation(() => Boolean)
  async logOut(@Context() ctx: RequestContext): Promise<boolean> {
    await this.accounts.logOut(SessionCookie.read(ctx.req));
    SessionCookie.clear(ctx.res);
    return true;
  }

  /** Rule: ORGANISER (practitioners, commissioners, link workers) or ADMIN (any role). */
  @Roles(Role.ORGANISER)
  @Mutation(() => InvitationLink)
  async createInvitation(@Args('input') input: CreateInvitationInput, @CurrentUser() actor: Actor): Promise<InvitationLink> {
    const { invitation, token, url } = await this.accounts.createInvitation(actor, input);
    return Object.assign(new InvitationLink(), {
      invitationId: invitation.id,
      email: invitation.email,
      roles: invitation.roles,
      url,
      token,
      expiresAt: invitation.expiresAt,
    });
  }

  /** Rule: anyone holding a valid, unused, unexpired invitation token. */
  @Public()
  @Mutation(() => Person)
  async acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context() ctx: RequestContext): Promise<Person> {
    return this.startSession(ctx, await this.accounts.acceptInvitation(input, SessionCookie.read(ctx.req)));
  }

  /** Rule: anyone; always true (no account enumeration); throttled per e-mail and client. */
  @Public()
  @Mutation(() => Boolean)
  async requestPasswordReset(@Args('input') input: RequestPasswordResetInput, @Context() ctx: RequestContext): Promise<boolean> {
    return this.accounts.requestPasswordReset(input.email, ctx.req.ip ?? 'unknown');
  }

  /** Rule: anyone holding a valid, unused password-reset token less than an hour old; signs that account in. */
  @Public()
  @Mutation(() => Person)
  async resetPassword(@Args('input') input: ResetPasswordInput, @Context() ctx: RequestContext): Promise<Person> {
    return this.startSession(ctx, await this.accounts.resetPassword(input, SessionCookie.read(ctx.req)));
  }

  /** Rule: signed in; changes only the caller's own account. */
  @Mutation(() => Person)
  async updateMe(@Args('input') input: UpdateMeInput, @CurrentUser() actor: Actor): Promise<Person> {
    return Person.from(await this.accounts.updateMe(actor, input));
  }

  /** Visible to the person themselves and to organisers; null for everyone else. */
  @ResolveField(() => String, { nullable: true })
  email(@Parent() person: Person, @Context() ctx: RequestContext): string | null {
    const viewer = ctx.actor;
    if (!viewer) return null;
    return viewer.id === person.id || hasRole(viewer, Role.ORGANISER) ? person.email : null;
  }

  @ResolveField(() => Organisation, { nullable: true })
  async organisation(@Parent() person: Person, @Context() ctx: RequestContext): Promise<Organisation | null> {
    if (!person.organisationId) return null;
    const organisation = await this.organisationLoader.load(ctx, person.organisationId);
    return organisation && Organisation.from(organisation);
  }

  private startSession(ctx: RequestContext, signedIn: SignedIn): Person {
    SessionCookie.write(ctx.res, signedIn.token, signedIn.expiresAt);
    const { user } = signedIn;
    ctx.actor = { id: user.id, email: user.email, displayName: user.displayName, language: user.preferredLanguage, roles: user.roles, loginSessionId: signedIn.loginSessionId };
    return Person.from(user);
  }
}
