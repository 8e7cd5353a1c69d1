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

  /**
   * What holds a person in a session besides meetings, for leaving it: their offers in slots not yet
   * started are withdrawn, their standby places and pending requests end (WITHDRAWN if theirs,
   * DECLINED if to them), and the registration goes (its availability with it). Returns the slots
   * of the withdrawn offers.
   */
  async removeFromSession(sessionId: string, userId: string, now: Date, em: EntityManager): Promise<string[]> {
    const at = this.db.instant(now);
    const { rows } = await this.db.sql<{ slot_id: string }>(
      'UPDATE offers SET withdrawn_at = ? WHERE session_id = ? AND host_id = ? AND withdrawn_at IS NULL AND slot_id IN (SELECT id FROM slots WHERE starts_at > ?) RETURNING slot_id',
      [at, sessionId, userId, at],
      em,
    );
    await this.db.sql(
      `UPDATE standby_entries SET status = 'LEFT', updated_at = ? WHERE session_id = ? AND user_id = ? AND status IN ('WAITING', 'OFFERED')`,
      [at, sessionId, userId],
      em,
    );
    await this.db.sql(
      `UPDATE meeting_requests SET status = 'WITHDRAWN', responded_at = ? WHERE session_id = ? AND from_user_id = ? AND status = 'PENDING'`,
      [at, sessionId, userId],
      em,
    );
    await this.db.sql(
      `UPDATE meeting_requests SET status = 'DECLINED', responded_at = ? WHERE session_id = ? AND to_user_id = ? AND status = 'PENDING'`,
      [at, sessionId, userId],
      em,
    );
    await this.db.sql(
      'DELETE FROM availability WHERE registration_id IN (SELECT id FROM registrations WHERE session_id = ? AND user_id = ?)',
      [sessionId, userId],
      em,
    );
    await this.db.sql('DELETE FROM registrations WHERE session_id = ? AND user_id = ?', [sessionId, userId], em);
    return rows.map((row) => row.slot_id);
  }

  find(sessionId: string, userId: string, em: EntityManager = this.db.manager): Promise<RegistrationEntity | null> {
    return em.findOneBy(RegistrationEntity, { sessionId, userId });
  }

  findMany(sessionId: string, userIds: string[], em: EntityManager): Promise<RegistrationEntity[]> {
    return em.findBy(RegistrationEntity, { sessionId, userId: In(userIds) });
  }

  /** Who is coming, optionally by role and by a case-insensitive part of their name. */
  listForSession(
    sessionId: string,
    filter: { role?: RegistrationRole; search?: string } = {},
  ): Promise<RegistrationEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(RegistrationEntity, 'r')
      .where('r.sessionId = :sessionId', { sessionId })
      .orderBy('r.createdAt', 'ASC')
      .take(500);
    if (filter.role) qb.andWhere('r.role = :role', { role: filter.role });
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.innerJoin(UserEntity, 'u', 'u.id = r.user_id').andWhere(`LOWER(u.display_name) LIKE :pattern ESCAPE '\\'`, {
        pattern,
      });
    }
    return qb.getMany();
  }

  /** Which of these people registered for a session the organiser runs. */
  async registeredWithOrganiser(organiserId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const { rows } = await this.db.sql<{ user_id: string }>(
      `SELECT DISTINCT r.user_id FROM registrations r JOIN themed_sessions s ON s.id = r.session_id
        WHERE s.organiser_id = ? AND r.user_id IN (${userIds.map(() => '?').join(', ')})`,
      [organiserId, ...userIds],
    );
    return rows.map((row) => row.user_id);
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
      await em.insert(
        AvailabilityEntity,
        slotIds.slice(i, i + 200).map((slotId) => ({ registrationId, slotId })),
      );
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

  availabilityOf(
    registrationIds: readonly string[],
    em: EntityManager = this.db.manager,
  ): Promise<AvailabilityEntity[]> {
    return registrationIds.length === 0
      ? Promise.resolve([])
      : em.findBy(AvailabilityEntity, { registrationId: In([...registrationIds]) });
  }

  async deleteAvailabilityForSlots(slotIds: string[], em: EntityManager): Promise<void> {
    await em.delete(AvailabilityEntity, { slotId: In(slotIds) });
  }
}
