import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Database } from '../../core/database/database';
import { StandbyStatus } from './booking.enums';
import { StandbyEntryEntity } from './entities/standby-entry.entity';

const LIVE = [StandbyStatus.WAITING, StandbyStatus.OFFERED];

/** A live standby place with its position in its offer's line (1 = next). */
export interface StandbyPlaceRow {
  entry: StandbyEntryEntity;
  position: number;
}

@Injectable()
export class StandbyRepository {
  constructor(private readonly db: Database) {}

  /** Joins the end of the line; false when the person is already on it (the unique partial index decides). */
  async insertIfAbsent(entry: Omit<StandbyEntryEntity, 'lineNo'>, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      `INSERT INTO standby_entries (id, offer_id, session_id, user_id, status, line_no, created_at, updated_at)
       SELECT ?, ?, ?, ?, ?, COALESCE(MAX(line_no), 0) + 1, ?, ? FROM standby_entries WHERE offer_id = ? ON CONFLICT DO NOTHING`,
      [
        entry.id,
        entry.offerId,
        entry.sessionId,
        entry.userId,
        entry.status,
        this.db.instant(entry.createdAt),
        this.db.instant(entry.updatedAt),
        entry.offerId,
      ],
      em,
    );
    return affected === 1;
  }

  findLive(offerId: string, userId: string, em: EntityManager = this.db.manager): Promise<StandbyEntryEntity | null> {
    return em.findOneBy(StandbyEntryEntity, { offerId, userId, status: In(LIVE) });
  }

  /** The user's live places in a session, each with its position in line. */
  async placesOf(userId: string, sessionId: string): Promise<StandbyPlaceRow[]> {
    const entries = await this.db.manager.find(StandbyEntryEntity, {
      where: { userId, sessionId, status: In(LIVE) },
      order: { createdAt: 'ASC', lineNo: 'ASC' },
    });
    return Promise.all(entries.map(async (entry) => ({ entry, position: await this.position(entry) })));
  }

  async place(offerId: string, userId: string): Promise<StandbyPlaceRow | null> {
    const entry = await this.findLive(offerId, userId);
    return entry ? { entry, position: await this.position(entry) } : null;
  }

  /** 1 + the live entries ahead in the same line (joined earlier; the rare tie of two joining at once by id). */
  private async position(entry: StandbyEntryEntity): Promise<number> {
    const { rows } = await this.db.sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM standby_entries WHERE offer_id = ? AND status IN ('WAITING', 'OFFERED') AND (line_no < ? OR (line_no = ? AND id < ?))`,
      [entry.offerId, entry.lineNo, entry.lineNo, entry.id],
    );
    return Number(rows[0]!.n) + 1;
  }

  /** Seats of the offer held at `now` (OFFERED and not lapsed), leaving out one held for `exceptUserId`. */
  async held(offerId: string, now: Date, em: EntityManager, exceptUserId?: string): Promise<number> {
    const { rows } = await this.db.sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM standby_entries WHERE offer_id = ? AND status = 'OFFERED' AND claim_until > ?${exceptUserId ? ' AND user_id <> ?' : ''}`,
      [offerId, this.db.instant(now), ...(exceptUserId ? [exceptUserId] : [])],
      em,
    );
    return Number(rows[0]!.n);
  }

  /** The first `limit` WAITING in line, oldest first. */
  nextWaiting(offerId: string, limit: number, em: EntityManager): Promise<StandbyEntryEntity[]> {
    return em.find(StandbyEntryEntity, {
      where: { offerId, status: StandbyStatus.WAITING },
      order: { lineNo: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** Conditional change: applies only while the entry is in one of `from`. */
  async transition(
    id: string,
    from: StandbyStatus[],
    changes: Partial<StandbyEntryEntity>,
    em: EntityManager,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(StandbyEntryEntity)
      .set(changes)
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** OFFERED places whose claim window has closed by `now`, oldest first. */
  lapsed(now: Date, limit: number): Promise<StandbyEntryEntity[]> {
    return this.db.manager
      .createQueryBuilder(StandbyEntryEntity, 'e')
      .where(`e.status = 'OFFERED' AND e.claimUntil <= :now`, { now: this.db.instant(now) })
      .orderBy('e.claimUntil', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Lines of slots that have started end: nobody can take those seats any more. */
  async expireStarted(now: Date): Promise<void> {
    const at = this.db.instant(now);
    await this.db.write((em) =>
      this.db.sql(
        `UPDATE standby_entries SET status = 'EXPIRED', updated_at = ?
          WHERE status IN ('WAITING', 'OFFERED') AND offer_id IN (SELECT o.id FROM offers o JOIN slots s ON s.id = o.slot_id WHERE s.starts_at <= ?)`,
        [at, at],
        em,
      ),
    );
  }

  async deleteFor(userId: string, em: EntityManager): Promise<void> {
    await this.db.sql('DELETE FROM standby_entries WHERE user_id = ?', [userId], em);
  }
}
