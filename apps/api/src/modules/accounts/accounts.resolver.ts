import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Public, Roles } from '../../core/auth/auth.decorators';
import { Actor, hasRole } from '../../core/auth/role';
import { SessionCookie } from '../../core/auth/session-cookie';
import { CommonError } from '../../core/errors/common.errors';
import type { RequestContext } from '../../core/graphql/request-context';
import { Role } from './accounts.enums';
import { OrganisationLoader, UserLoader } from './accounts.loaders';
import { AccountsService, SignedIn } from './accounts.service';
import {
  AcceptInvitationInput,
  ConfirmEmailInput,
  CreateInvitationInput,
  DecideOrganisationMembershipInput,
  LogInInput,
  RequestPasswordResetInput,
  ResendEmailConfirmationInput,
  ResetPasswordInput,
  SignUpInput,
  UpdateMeInput,
} from './inputs/account.inputs';
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

  /**
   * Rule: anyone; throttled per e-mail and client. Creates a PRACTITIONER account and e-mails it a
   * confirmation link; signs nobody in. For an address already in use, the same answer (its holder
   * is e-mailed instead).
   */
  @Public()
  @Mutation(() => Person)
  async signUp(@Args('input') input: SignUpInput, @Context() ctx: RequestContext): Promise<Person> {
    const user = await this.accounts.signUp(input, ctx.req.ip ?? 'unknown');
    // The caller typed these fields: they may see the e-mail (and nothing else of the account is theirs to see until they sign in).
    ctx.echoedPersonId = user.id;
    return Person.from(user);
  }

  /** Rule: anyone holding a valid, unused confirmation link less than 48 hours old; signs nobody in. */
  @Public()
  @Mutation(() => Boolean)
  async confirmEmail(@Args('input') input: ConfirmEmailInput): Promise<boolean> {
    await this.accounts.confirmEmail(input.token);
    return true;
  }

  /** Rule: anyone; always true (no account enumeration); throttled per e-mail and client. */
  @Public()
  @Mutation(() => Boolean)
  async resendEmailConfirmation(
    @Args('input') input: ResendEmailConfirmationInput,
    @Context() ctx: RequestContext,
  ): Promise<boolean> {
    return this.accounts.resendEmailConfirmation(input.email, ctx.req.ip ?? 'unknown');
  }

  /** Rule: anyone; throttled per e-mail and client. */
  @Public()
  @Mutation(() => Person)
  async logIn(@Args('input') input: LogInInput, @Context() ctx: RequestContext): Promise<Person> {
    const client = ctx.req.ip ?? 'unknown';
    return this.startSession(
      ctx,
      await this.accounts.logIn(input.email, input.password, client, SessionCookie.read(ctx.req)),
    );
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
  async createInvitation(
    @Args('input') input: CreateInvitationInput,
    @CurrentUser() actor: Actor,
  ): Promise<InvitationLink> {
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
  async requestPasswordReset(
    @Args('input') input: RequestPasswordResetInput,
    @Context() ctx: RequestContext,
  ): Promise<boolean> {
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

  /** The organisation they belong to: by invitation, or approved by an organiser or admin. */
  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() person: Person, @Context() ctx: RequestContext): Promise<Organisation | null> {
    return this.organisationOf(ctx, person.organisationId);
  }

  /** Visible to the person themselves only; null for everyone else. */
  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'Whether the other people in your meetings may see your e-mail address in calendar invitations (otherwise only your name). Yours only.',
  })
  shareEmail(@Parent() person: Person, @Context() ctx: RequestContext): boolean | null {
    return ctx.actor?.id === person.id ? person.shareEmail : null;
  }

  /** Whether the address is confirmed: the person themselves only; null for everyone else. */
  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'Your e-mail address is confirmed (until it is, you cannot send requests, book, register or propose). Yours only.',
  })
  emailConfirmed(@Parent() person: Person, @Context() ctx: RequestContext): boolean | null {
    return ctx.actor?.id === person.id ? person.emailConfirmed : null;
  }

  /** The organisation they asked to join, until decided: seen by the person, organisers and admins; null for others. */
  @ResolveField(() => Organisation, { nullable: true })
  pendingOrganisation(@Parent() person: Person, @Context() ctx: RequestContext): Promise<Organisation | null> {
    const viewer = ctx.actor;
    // The sign-up's own answer echoes what the caller typed (as its e-mail).
    const own = viewer?.id === person.id || ctx.echoedPersonId === person.id;
    if (!own && (!viewer || !hasRole(viewer, Role.ORGANISER))) return Promise.resolve(null);
    return this.organisationOf(ctx, person.requestedOrganisationId);
  }

  /** Rule: ORGANISER or ADMIN; people waiting for an answer to their request to join an organisation. */
  @Roles(Role.ORGANISER)
  @Query(() => [Person])
  async organisationMembershipRequests(): Promise<Person[]> {
    return (await this.accounts.membershipRequests()).map(Person.from);
  }

  /** Rule: ORGANISER or ADMIN; approve moves the person into the organisation they asked for, decline leaves them where they are. */
  @Roles(Role.ORGANISER)
  @Mutation(() => Person)
  async decideOrganisationMembership(@Args('input') input: DecideOrganisationMembershipInput): Promise<Person> {
    return Person.from(await this.accounts.decideMembership(input.userId, input.approve));
  }

  private async organisationOf(ctx: RequestContext, id: string | null): Promise<Organisation | null> {
    if (!id) return null;
    const organisation = await this.organisationLoader.load(ctx, id);
    return organisation && Organisation.from(organisation);
  }

  private startSession(ctx: RequestContext, signedIn: SignedIn): Person {
    SessionCookie.write(ctx.res, signedIn.token, signedIn.expiresAt);
    const { user } = signedIn;
    ctx.actor = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      language: user.preferredLanguage,
      roles: user.roles,
      loginSessionId: signedIn.loginSessionId,
      emailConfirmed: user.emailConfirmedAt !== null,
    };
    return Person.from(user);
  }
}
