import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { hasRole, Role } from '../../core/auth/role';
import type { RequestContext } from '../../core/graphql/request-context';
import { Person } from '../accounts/models/person.model';
import { OrganisersPeopleLoader } from './booking.loaders';

/** Adds `email` to the accounts module's Person type: who may see it depends on registrations. */
@Resolver(() => Person)
export class PersonContactResolver {
  constructor(private readonly organisersPeople: OrganisersPeopleLoader) {}

  /**
   * Rule: the person themselves (also the answer signUp echoes without an account), admins, and
   * organisers of a session the person registered for (batched per request); null for everyone else.
   */
  @ResolveField(() => String, { nullable: true })
  async email(@Parent() person: Person, @Context() ctx: RequestContext): Promise<string | null> {
    if (ctx.echoedPersonId === person.id) return person.email;
    const viewer = ctx.actor;
    if (!viewer) return null;
    if (viewer.id === person.id || viewer.roles.includes(Role.ADMIN)) return person.email;
    if (!hasRole(viewer, Role.ORGANISER)) return null;
    return (await this.organisersPeople.load(ctx, person.id)) ? person.email : null;
  }
}
