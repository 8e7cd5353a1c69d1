import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { UserLoader } from '../accounts/accounts.loaders';
import { Person } from '../accounts/models/person.model';
import { encodeLibraryCursor, EvidenceMethodsService } from './evidence-methods.service';
import { EvidenceLibraryArgs, EvidenceMethodInput } from './inputs/followups.inputs';
import { EvidenceMethod, EvidenceMethodConnection } from './models/followups.models';

@Resolver(() => EvidenceMethod)
export class EvidenceMethodsResolver {
  constructor(
    private readonly methods: EvidenceMethodsService,
    private readonly users: UserLoader,
  ) {}

  /** Rule: signed in; shared methods only, most recently described first. */
  @Query(() => EvidenceMethodConnection)
  async evidenceLibrary(@Args() args: EvidenceLibraryArgs): Promise<EvidenceMethodConnection> {
    const page = await this.methods.library(
      { condition: args.condition, artForm: args.artForm },
      args.first,
      args.after,
    );
    const edges = page.methods.map((method) => ({
      cursor: encodeLibraryCursor(method),
      node: EvidenceMethod.from(method),
    }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Rule: PRACTITIONER; the caller's own methods, shared or not. */
  @Roles(Role.PRACTITIONER)
  @Query(() => [EvidenceMethod])
  async myEvidenceMethods(@CurrentUser() actor: Actor): Promise<EvidenceMethod[]> {
    return (await this.methods.mine(actor)).map(EvidenceMethod.from);
  }

  /** Rule: PRACTITIONER; the caller becomes its owner. */
  @Roles(Role.PRACTITIONER)
  @Mutation(() => EvidenceMethod)
  async describeEvidenceMethod(
    @Args('input') input: EvidenceMethodInput,
    @CurrentUser() actor: Actor,
  ): Promise<EvidenceMethod> {
    return EvidenceMethod.from(await this.methods.describe(actor, input));
  }

  /** Rule: PRACTITIONER who owns it (a shared one of someone else: NOT_EVIDENCE_OWNER; a private one: NOT_FOUND). */
  @Roles(Role.PRACTITIONER)
  @Mutation(() => EvidenceMethod)
  async updateEvidenceMethod(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: EvidenceMethodInput,
    @CurrentUser() actor: Actor,
  ): Promise<EvidenceMethod> {
    return EvidenceMethod.from(await this.methods.update(actor, id, input));
  }

  /** Rule: as updateEvidenceMethod. */
  @Roles(Role.PRACTITIONER)
  @Mutation(() => Boolean)
  async deleteEvidenceMethod(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<boolean> {
    return this.methods.delete(actor, id);
  }

  @ResolveField(() => Person, { description: 'The practitioner who described it (with their organisation).' })
  practitioner(@Parent() method: EvidenceMethod, @Context() ctx: RequestContext): Promise<Person> {
    return this.users.person(ctx, method.ownerId);
  }
}
