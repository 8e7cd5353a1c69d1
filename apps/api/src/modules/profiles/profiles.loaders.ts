import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../core/graphql/request-context';
import { byKeys } from '../../core/graphql/request-loaders';
import { ProfileEntity } from './entities/profile.entity';
import { ProfilesRepository } from './profiles.repository';

/** Profiles by user id, batched per request (one query for a page of people). Exported. */
@Injectable()
export class ProfileLoader {
  constructor(private readonly profiles: ProfilesRepository) {}

  load(ctx: RequestContext, userId: string): Promise<ProfileEntity | null> {
    return this.loader(ctx).load(userId);
  }

  /** Seeds the request's cache with profiles another query already fetched. */
  prime(ctx: RequestContext, profiles: ProfileEntity[]): void {
    const loader = this.loader(ctx);
    for (const profile of profiles) loader.clear(profile.userId).prime(profile.userId, profile);
  }

  private loader(ctx: RequestContext): DataLoader<string, ProfileEntity | null> {
    return ctx.loaders.get(
      ProfileLoader,
      () =>
        new DataLoader(async (userIds: readonly string[]) =>
          byKeys(userIds, await this.profiles.findByUserIds(userIds), (p) => p.userId),
        ),
    );
  }
}
