import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CommonError } from '../../core/errors/common.errors';
import type { RequestContext } from '../../core/graphql/request-context';
import { byKeys } from '../../core/graphql/request-loaders';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';
import { Person } from './models/person.model';
import { OrganisationsRepository } from './organisations.repository';
import { UsersRepository } from './users.repository';

/** Users by id, batched per request. Exported for every module that shows people. */
@Injectable()
export class UserLoader {
  constructor(private readonly users: UsersRepository) {}

  load(ctx: RequestContext, id: string): Promise<UserEntity | null> {
    return this.loader(ctx).load(id);
  }

  /** The person behind a stored user id (foreign keys guarantee it exists). */
  async person(ctx: RequestContext, id: string): Promise<Person> {
    const user = await this.load(ctx, id);
    if (!user) throw CommonError.notFound('Person', id);
    return Person.from(user);
  }

  people(ctx: RequestContext, ids: readonly string[]): Promise<Person[]> {
    return Promise.all(ids.map((id) => this.person(ctx, id)));
  }

  /** Seeds the request's cache with users another query already fetched. */
  prime(ctx: RequestContext, users: UserEntity[]): void {
    const loader = this.loader(ctx);
    for (const user of users) loader.prime(user.id, user);
  }

  private loader(ctx: RequestContext): DataLoader<string, UserEntity | null> {
    return ctx.loaders.get(
      UserLoader,
      () => new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.users.findByIds(ids), (u) => u.id)),
    );
  }
}

@Injectable()
export class OrganisationLoader {
  constructor(private readonly organisations: OrganisationsRepository) {}

  load(ctx: RequestContext, id: string): Promise<OrganisationEntity | null> {
    return ctx.loaders
      .get(
        OrganisationLoader,
        () =>
          new DataLoader(async (ids: readonly string[]) =>
            byKeys(ids, await this.organisations.findByIds(ids), (o) => o.id),
          ),
      )
      .load(id);
  }
}
