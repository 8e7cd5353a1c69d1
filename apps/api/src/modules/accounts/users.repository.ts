import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Database } from '../../core/database/database';
import { UserEntity } from './entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { id });
  }

  findByIds(ids: readonly string[], em: EntityManager = this.db.manager): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.findBy(UserEntity, { id: In([...ids]) });
  }

  findByEmail(email: string, em: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { email: email.toLowerCase() });
  }

  async insert(user: UserEntity, em: EntityManager): Promise<void> {
    await em.insert(UserEntity, user);
  }

  async update(id: string, changes: Partial<UserEntity>, em: EntityManager): Promise<void> {
    await em.update(UserEntity, { id }, changes);
  }

  withMembershipRequests(): Promise<UserEntity[]> {
    return this.db.manager.find(UserEntity, {
      where: { requestedOrganisationId: Not(IsNull()) },
      order: { createdAt: 'ASC' },
      take: 500,
    });
  }

  count(): Promise<number> {
    return this.db.manager.count(UserEntity);
  }
}
