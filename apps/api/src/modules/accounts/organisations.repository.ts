import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { OrganisationEntity } from './entities/organisation.entity';

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly db: Database) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<OrganisationEntity | null> {
    return em.findOneBy(OrganisationEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.manager.findBy(OrganisationEntity, { id: In([...ids]) });
  }

  list(): Promise<OrganisationEntity[]> {
    return this.db.manager.find(OrganisationEntity, { order: { name: 'ASC' } });
  }

  async insert(organisation: OrganisationEntity, em: EntityManager): Promise<void> {
    await em.insert(OrganisationEntity, organisation);
  }
}
