import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { OrganisationKind } from './accounts.enums';
import { OrganisationEntity } from './entities/organisation.entity';
import { OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: Database,
    private readonly organisations: OrganisationsRepository,
    private readonly clock: Clock,
  ) {}

  list(): Promise<OrganisationEntity[]> {
    return this.organisations.list();
  }

  async create(name: string, kind: OrganisationKind): Promise<OrganisationEntity> {
    const organisation: OrganisationEntity = { id: randomUUID(), name: name.trim(), kind, createdAt: this.clock.now() };
    await this.db.write((em) => this.organisations.insert(organisation, em));
    return organisation;
  }
}
