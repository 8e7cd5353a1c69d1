import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { SessionConditionEntity } from './entities/session-condition.entity';
import { SlotEntity } from './entities/slot.entity';
import { ThemedSessionEntity } from './entities/themed-session.entity';
import { DeliveryLanguage, SessionStatus, SessionTheme } from './events.enums';

export interface SessionQuery {
  statuses: SessionStatus[];
  condition?: string;
  theme?: SessionTheme;
  region?: string;
  language?: DeliveryLanguage;
  from?: Date;
  to?: Date;
  organiserId?: string;
  after?: { startsAt: Date; id: string };
  limit: number;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  findById(id: string, em: EntityManager = this.db.manager): Promise<ThemedSessionEntity | null> {
    return em.findOneBy(ThemedSessionEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<ThemedSessionEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.manager.findBy(ThemedSessionEntity, { id: In([...ids]) });
  }

  /** Keyset pagination on (starts_at, id): stable under inserts, no OFFSET scans. */
  list(query: SessionQuery): Promise<ThemedSessionEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(ThemedSessionEntity, 's')
      .where('s.status IN (:...statuses)', { statuses: query.statuses })
      .orderBy('s.startsAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(query.limit);
    if (query.theme) qb.andWhere('s.theme = :theme', { theme: query.theme });
    if (query.condition) {
      qb.andWhere(
        new Brackets((or) =>
          or
            .where(`s.theme = :open`, { open: SessionTheme.OPEN })
            .orWhere(
              'EXISTS (SELECT 1 FROM session_conditions sc WHERE sc.session_id = s.id AND sc.condition_code = :condition)',
              {
                condition: query.condition,
              },
            ),
        ),
      );
    }
    if (query.region) qb.andWhere('(s.region = :region OR s.region IS NULL)', { region: query.region });
    if (query.language) {
      qb.andWhere('s.deliveryLanguage IN (:...languages)', { languages: [query.language, DeliveryLanguage.BILINGUAL] });
    }
    if (query.from) qb.andWhere('s.endsAt > :from', { from: this.db.instant(query.from) });
    if (query.to) qb.andWhere('s.startsAt < :to', { to: this.db.instant(query.to) });
    if (query.organiserId) qb.andWhere('s.organiserId = :organiserId', { organiserId: query.organiserId });
    if (query.after) {
      qb.andWhere(
        new Brackets((or) =>
          or
            .where('s.startsAt > :afterStart', { afterStart: this.db.instant(query.after!.startsAt) })
            .orWhere('(s.startsAt = :afterStart AND s.id > :afterId)', { afterId: query.after!.id }),
        ),
      );
    }
    return qb.getMany();
  }

  async insert(session: ThemedSessionEntity, em: EntityManager): Promise<void> {
    await em.insert(ThemedSessionEntity, session);
  }

  async update(id: string, changes: Partial<ThemedSessionEntity>, em: EntityManager): Promise<void> {
    await em.update(ThemedSessionEntity, { id }, changes);
  }

  /** Conditional status change: true only if the session was in one of `from`. */
  async transition(
    id: string,
    from: SessionStatus[],
    to: SessionStatus,
    now: Date,
    em: EntityManager,
    extra: Partial<ThemedSessionEntity> = {},
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ThemedSessionEntity)
      .set({ ...extra, status: to, updatedAt: now })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Clock-driven: every session in `from` whose `column` instant has passed moves to `to`. */
  async advanceByClock(
    from: SessionStatus,
    to: SessionStatus,
    column: 'starts_at' | 'ends_at',
    now: Date,
    em: EntityManager,
  ): Promise<number> {
    const { affected } = await this.db.sql(
      `UPDATE themed_sessions SET status = ?, updated_at = ? WHERE status = ? AND ${column} <= ?`,
      [to, this.db.instant(now), from, this.db.instant(now)],
      em,
    );
    return affected;
  }

  conditionsOf(sessionIds: readonly string[]): Promise<SessionConditionEntity[]> {
    return sessionIds.length === 0
      ? Promise.resolve([])
      : this.db.manager.find(SessionConditionEntity, {
          where: { sessionId: In([...sessionIds]) },
          order: { conditionCode: 'ASC' },
        });
  }

  async replaceConditions(sessionId: string, codes: string[], em: EntityManager): Promise<void> {
    await em.delete(SessionConditionEntity, { sessionId });
    if (codes.length > 0)
      await em.insert(
        SessionConditionEntity,
        codes.map((conditionCode) => ({ sessionId, conditionCode })),
      );
  }

  slotsOf(sessionIds: readonly string[], em: EntityManager = this.db.manager): Promise<SlotEntity[]> {
    return sessionIds.length === 0
      ? Promise.resolve([])
      : em.find(SlotEntity, { where: { sessionId: In([...sessionIds]) }, order: { idx: 'ASC' } });
  }

  /** A slot with its session, in one statement; null unless the slot belongs to that session. */
  async slotWithSession(
    sessionId: string,
    slotId: string,
    em: EntityManager,
  ): Promise<{ slot: SlotEntity; session: ThemedSessionEntity } | null> {
    const slot = (await em
      .createQueryBuilder(SlotEntity, 'sl')
      .innerJoinAndMapOne('sl.session', ThemedSessionEntity, 's', 's.id = sl.session_id')
      .where('sl.id = :slotId AND sl.sessionId = :sessionId', { slotId, sessionId })
      .getOne()) as (SlotEntity & { session: ThemedSessionEntity }) | null;
    if (!slot) return null;
    const { session, ...plain } = slot;
    return { slot: plain, session };
  }

  findSlotsByIds(ids: readonly string[], em: EntityManager = this.db.manager): Promise<SlotEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.findBy(SlotEntity, { id: In([...ids]) });
  }

  async insertSlots(slots: SlotEntity[], em: EntityManager): Promise<void> {
    for (let i = 0; i < slots.length; i += 100) await em.insert(SlotEntity, slots.slice(i, i + 100));
  }

  async updateSlot(id: string, changes: Partial<SlotEntity>, em: EntityManager): Promise<void> {
    await em.update(SlotEntity, { id }, changes);
  }

  async deleteSlots(ids: string[], em: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await em.delete(SlotEntity, { id: In(ids) });
  }
}
