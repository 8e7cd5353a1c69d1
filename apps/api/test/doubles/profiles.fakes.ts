import type { EntityManager } from 'typeorm';
import type { Database } from '../../src/core/database/database';
import type { ProfileEntity } from '../../src/modules/profiles/entities/profile.entity';
import type { TaxonomyTermEntity } from '../../src/modules/profiles/entities/taxonomy-term.entity';
import type { ProfilesRepository } from '../../src/modules/profiles/profiles.repository';
import { taxonomyRows } from '../../src/modules/profiles/taxonomy-data';
import type { TaxonomyRepository } from '../../src/modules/profiles/taxonomy.repository';

/** In-memory stand-ins for the module's repositories, for service unit tests (no SQL). */
export class FakeTaxonomyRepository implements Pick<TaxonomyRepository, 'findAll'> {
  reads = 0;

  constructor(private readonly rows: TaxonomyTermEntity[] = taxonomyRows()) {}

  async findAll(): Promise<TaxonomyTermEntity[]> {
    this.reads += 1;
    return this.rows.map((row) => ({ ...row }));
  }
}

export class FakeProfilesRepository implements Pick<
  ProfilesRepository,
  'findByUserId' | 'findByUserIds' | 'findForUpdate' | 'save'
> {
  readonly rows = new Map<string, ProfileEntity>();
  saves = 0;

  async findByUserId(userId: string): Promise<ProfileEntity | null> {
    return this.copy(this.rows.get(userId));
  }

  async findByUserIds(userIds: readonly string[]): Promise<ProfileEntity[]> {
    return userIds.flatMap((id) => this.copy(this.rows.get(id)) ?? []);
  }

  async findForUpdate(userId: string, _em: EntityManager): Promise<ProfileEntity | null> {
    return this.findByUserId(userId);
  }

  async save(profile: ProfileEntity, _em: EntityManager): Promise<void> {
    this.saves += 1;
    this.rows.set(profile.userId, { ...profile });
  }

  private copy(profile: ProfileEntity | undefined): ProfileEntity | null {
    return profile
      ? {
          ...profile,
          conditions: [...profile.conditions],
          artForms: [...profile.artForms],
          regions: [...profile.regions],
        }
      : null;
  }
}

/** Database.write without a database: runs the work at once, counting units of work. */
export class FakeDatabase implements Pick<Database, 'write'> {
  writes = 0;

  write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    this.writes += 1;
    return work({} as EntityManager);
  }
}
