import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../core/auth/auth.decorators';
import { Role } from './accounts.enums';
import { CreateOrganisationInput } from './inputs/account.inputs';
import { Organisation } from './models/organisation.model';
import { OrganisationsService } from './organisations.service';

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  /** Rule: any signed-in user (to pick their own organisation). */
  @Query(() => [Organisation])
  async organisations(): Promise<Organisation[]> {
    return (await this.service.list()).map(Organisation.from);
  }

  /** Rule: ORGANISER or ADMIN. */
  @Roles(Role.ORGANISER)
  @Mutation(() => Organisation)
  async createOrganisation(@Args('input') input: CreateOrganisationInput): Promise<Organisation> {
    return Organisation.from(await this.service.create(input.name, input.kind));
  }
}
