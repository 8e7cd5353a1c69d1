import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { RegistrationRole, WaitingListStatus } from './booking.enums';
import { WaitingListEntryEntity } from './entities/waiting-list-entry.entity';

/** All SQL of capped sessions' waiting lists. */
@Injectable()
export class WaitingListRepository {
  constructor(private readonly db: Database) {}

  /** Locks the session's row for the rest of the transaction (PostgreSQL; SQLite's writes are serial already). */
  async lockSession(sessionId: string, em: EntityManager): Promise<void> {
    if (this.db.engine === 'postgres')
      await this.db.sql('SELECT id FROM themed_sessions WHERE id = ? FOR UPDATE', [sessionId], em);
  }

  async guestCount(sessionId: string, em: EntityManager): Promise<number> {
    const { rows } = await this.db.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM registrations WHERE session_id = ? AND role = ?',
      [sessionId, RegistrationRole.GUEST],
      em,
    );
    return Number(rows[0]!.n);
  }

  /** Joins the end of the line; false when the person is already waiting (the unique partial index decides). */
  async insertIfAbsent(entry: Omit<WaitingListEntryEntity, 'lineNo'>, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      `INSERT INTO session_waiting_list (id, session_id, user_id, available_slot_ids, line_no, status, created_at, updated_at)
       SELECT ?, ?, ?, ?, COALESCE(MAX(line_no), 0) + 1, ?, ?, ? FROM session_waiting_list WHERE session_id = ?
       ON CONFLICT DO NOTHING`,
      [
        entry.id,
        entry.sessionId,
        entry.userId,
        JSON.stringify(entry.availableSlotIds),
        entry.status,
        this.db.instant(entry.createdAt),
        this.db.instant(entry.updatedAt),
        entry.sessionId,
      ],
      em,
    );
    return affected === 1;
  }

  waiting(
    sessionId: string,
    userId: string,
    em: EntityManager = this.db.manager,
  ): Promise<WaitingListEntryEntity | null> {
    return em.findOneBy(WaitingListEntryEntity, { sessionId, userId, status: WaitingListStatus.WAITING });
  }

  /** 1 + those waiting ahead (joined earlier; the rare tie of two joining at once by id). */
  async position(entry: WaitingListEntryEntity): Promise<number> {
    const { rows } = await this.db.sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM session_waiting_list WHERE session_id = ? AND status = ? AND (line_no < ? OR (line_no = ? AND id < ?))`,
      [entry.sessionId, WaitingListStatus.WAITING, entry.lineNo, entry.lineNo, entry.id],
    );
    return Number(rows[0]!.n) + 1;
  }

  /** The first `limit` waiting, in line order. */
  next(sessionId: string, limit: number, em: EntityManager): Promise<WaitingListEntryEntity[]> {
    return em.find(WaitingListEntryEntity, {
      where: { sessionId, status: WaitingListStatus.WAITING },
      order: { lineNo: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** Conditional move out of WAITING; false when it had moved already. */
  async finish(id: string, status: WaitingListStatus, at: Date, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      'UPDATE session_waiting_list SET status = ?, updated_at = ? WHERE id = ? AND status = ?',
      [status, this.db.instant(at), id, WaitingListStatus.WAITING],
      em,
    );
    return affected === 1;
  }

  /** Sessions with a cap in which the user is registered as a guest. */
  async cappedSessionsOf(userId: string, em: EntityManager): Promise<string[]> {
    const { rows } = await this.db.sql<{ session_id: string }>(
      `SELECT r.session_id FROM registrations r JOIN themed_sessions s ON s.id = r.session_id
       WHERE r.user_id = ? AND r.role = ? AND s.registration_cap IS NOT NULL`,
      [userId, RegistrationRole.GUEST],
      em,
    );
    return rows.map((r) => r.session_id);
  }
}
