import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { UserEntity } from '../accounts/entities/user.entity';
import { RegistrationRole } from './booking.enums';
import { AvailabilityEntity } from './entities/availability.entity';
import { RegistrationEntity } from './entities/registration.entity';

@Injectable()
export class RegistrationsRepository {
  constructor(private readonly db: Database) {}

  find(sessionId: string, userId: string, em: EntityManager = this.db.manager): Promise<RegistrationEntity | null> {
    return em.findOneBy(RegistrationEntity, { sessionId, userId });
  }

  findMany(sessionId: string, userIds: string[], em: EntityManager): Promise<RegistrationEntity[]> {
    return em.findBy(RegistrationEntity, { sessionId, userId: In(userIds) });
  }

  /** Who is coming, optionally by role and by a case-insensitive part of their name. */
  listForSession(sessionId: string, filter: { role?: RegistrationRole; search?: string } = {}): Promise<RegistrationEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(RegistrationEntity, 'r')
      .where('r.sessionId = :sessionId', { sessionId })
      .orderBy('r.createdAt', 'ASC')
      .take(500);
    if (filter.role) qb.andWhere('r.role = :role', { role: filter.role });
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.innerJoin(UserEntity, 'u', 'u.id = r.user_id').andWhere(`LOWER(u.display_name) LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    return qb.getMany();
  }

  /** Every registration of a session, for matching (no page limit). */
  allForSession(sessionId: string, em: EntityManager = this.db.manager): Promise<RegistrationEntity[]> {
    return em.find(RegistrationEntity, { where: { sessionId }, order: { createdAt: 'ASC' } });
  }

  listForUser(userId: string): Promise<RegistrationEntity[]> {
    return this.db.manager.find(RegistrationEntity, { where: { userId }, order: { createdAt: 'DESC' } });
  }

  async insert(registration: RegistrationEntity, em: EntityManager): Promise<void> {
    await em.insert(RegistrationEntity, registration);
  }

  async updateRole(id: string, role: RegistrationRole, em: EntityManager): Promise<void> {
    await em.update(RegistrationEntity, { id }, { role });
  }

  async replaceAvailability(registrationId: string, slotIds: string[], em: EntityManager): Promise<void> {
    await em.delete(AvailabilityEntity, { registrationId });
    for (let i = 0; i < slotIds.length; i += 200) {
      await em.insert(AvailabilityEntity, slotIds.slice(i, i + 200).map((slotId) => ({ registrationId, slotId })));
    }
  }

  async addAvailability(registrationId: string, slotIds: string[], em: EntityManager): Promise<void> {
    if (slotIds.length === 0) return;
    const placeholders = slotIds.map(() => '(?, ?)').join(', ');
    await this.db.sql(
      `INSERT INTO availability (registration_id, slot_id) VALUES ${placeholders} ON CONFLICT DO NOTHING`,
      slotIds.flatMap((slotId) => [registrationId, slotId]),
      em,
    );
  }

  availabilityOf(registrationIds: readonly string[], em: EntityManager = this.db.manager): Promise<AvailabilityEntity[]> {
    return registrationIds.length === 0 ? Promise.resolve([]) : em.findBy(AvailabilityEntity, { registrationId: In([...registrationIds]) });
  }

  async deleteAvailabilityForSlots(slotIds: string[], em: EntityManager): Promise<void> {
    await em.delete(AvailabilityEntity, { slotId: In(slotIds) });
  }
}
