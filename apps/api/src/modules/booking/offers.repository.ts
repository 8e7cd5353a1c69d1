import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Database } from '../../core/database/database';
import { SlotEntity } from '../events/entities/slot.entity';
import { SessionStatus } from '../events/events.enums';
import { OfferEntity } from './entities/offer.entity';

export interface OfferAvailability {
  offer: OfferEntity;
  /** Seats taken: guests seated, and seats held for someone on standby. */
  guests: number;
  hostBusyElsewhere: boolean;
}

@Injectable()
export class OffersRepository {
  constructor(private readonly db: Database) {}

  findLive(id: string, em: EntityManager = this.db.manager): Promise<OfferEntity | null> {
    return em.findOneBy(OfferEntity, { id, withdrawnAt: IsNull() });
  }

  /** The live offer and whether `userId` is registered for its session, in one statement. */
  async findLiveWithRegistration(
    id: string,
    userId: string,
    em: EntityManager,
  ): Promise<{ offer: OfferEntity; registered: boolean } | null> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT o.id, o.session_id, o.slot_id, o.host_id, o.seats, o.created_at, r.id AS registration_id
         FROM offers o LEFT JOIN registrations r ON r.session_id = o.session_id AND r.user_id = ?
        WHERE o.id = ? AND o.withdrawn_at IS NULL`,
      [userId, id],
      em,
    );
    const row = rows[0];
    if (!row) return null;
    return { offer: this.fromRow(row), registered: row.registration_id !== null && row.registration_id !== undefined };
  }

  /**
   * What booking checks before it seats anyone, in one statement: the live offer, whether `userId`
   * is registered for its session, its slot, and its session's status.
   */
  async findBookable(
    id: string,
    userId: string,
    em: EntityManager,
  ): Promise<{ offer: OfferEntity; registered: boolean; slot: SlotEntity; sessionStatus: SessionStatus } | null> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT o.id, o.session_id, o.slot_id, o.host_id, o.seats, o.created_at, r.id AS registration_id,
              sl.idx AS slot_idx, sl.starts_at AS slot_starts_at, sl.ends_at AS slot_ends_at, sl.is_break AS slot_is_break,
              s.status AS session_status
         FROM offers o
         JOIN slots sl ON sl.id = o.slot_id
         JOIN themed_sessions s ON s.id = o.session_id
         LEFT JOIN registrations r ON r.session_id = o.session_id AND r.user_id = ?
        WHERE o.id = ? AND o.withdrawn_at IS NULL`,
      [userId, id],
      em,
    );
    const row = rows[0];
    if (!row) return null;
    const offer = this.fromRow(row);
    return {
      offer,
      registered: row.registration_id !== null && row.registration_id !== undefined,
      slot: {
        id: offer.slotId,
        sessionId: offer.sessionId,
        idx: Number(row.slot_idx),
        startsAt: this.db.readInstant(row.slot_starts_at),
        endsAt: this.db.readInstant(row.slot_ends_at),
        isBreak: row.slot_is_break === true || Number(row.slot_is_break) === 1,
      },
      sessionStatus: row.session_status as SessionStatus,
    };
  }

  /** The live offer, its row locked for the rest of the transaction on PostgreSQL (SQLite's writes are serialised). */
  lockLive(id: string, em: EntityManager): Promise<OfferEntity | null> {
    const qb = em.createQueryBuilder(OfferEntity, 'o').where('o.id = :id AND o.withdrawnAt IS NULL', { id });
    return (this.db.engine === 'postgres' ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** Guests seated in the offer's live meeting now. */
  async guestsSeated(offerId: string, em: EntityManager): Promise<number> {
    const { rows } = await this.db.sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM meeting_participants WHERE offer_id = ? AND active AND role = 'GUEST'`,
      [offerId],
      em,
    );
    return Number(rows[0]!.n);
  }

  /** Whether the user has a seat in the offer's live meeting. */
  async isSeated(offerId: string, userId: string, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql(
      `SELECT 1 FROM meeting_participants WHERE offer_id = ? AND user_id = ? AND active`,
      [offerId, userId],
      em,
    );
    return rows.length > 0;
  }

  findLiveForHostSlot(hostId: string, slotId: string, em: EntityManager): Promise<OfferEntity | null> {
    return em.findOneBy(OfferEntity, { hostId, slotId, withdrawnAt: IsNull() });
  }

  async insert(offer: OfferEntity, em: EntityManager): Promise<void> {
    await em.insert(OfferEntity, offer);
  }

  async withdraw(id: string, now: Date, em: EntityManager): Promise<void> {
    await em.update(OfferEntity, { id }, { withdrawnAt: now });
  }

  /**
   * Live offers of a session with their seat use, in one statement: guests in the offer's live
   * meeting and seats held at `now` for someone on standby, and whether the host is held in
   * another meeting in that slot.
   */
  async listWithUse(sessionId: string, now: Date, hostId?: string): Promise<OfferAvailability[]> {
    const params: unknown[] = [this.db.instant(now), sessionId];
    if (hostId) params.push(hostId);
    const { rows } = await this.db.sql<Record<string, unknown>>(
      `SELECT o.id, o.session_id, o.slot_id, o.host_id, o.seats, o.created_at,
              (SELECT COUNT(*) FROM meeting_participants g
                 WHERE g.offer_id = o.id AND g.active AND g.role = 'GUEST')
              + (SELECT COUNT(*) FROM standby_entries e
                 WHERE e.offer_id = o.id AND e.status = 'OFFERED' AND e.claim_until > ?) AS guests,
              (SELECT COUNT(*) FROM meeting_participants h
                 JOIN meetings m ON m.id = h.meeting_id
                WHERE h.user_id = o.host_id AND h.slot_id = o.slot_id AND (h.active OR h.extra_hold)
                  AND (m.offer_id IS NULL OR m.offer_id <> o.id)) AS host_busy
         FROM offers o JOIN slots s ON s.id = o.slot_id
        WHERE o.session_id = ? AND o.withdrawn_at IS NULL ${hostId ? 'AND o.host_id = ?' : ''}
        ORDER BY s.idx, o.created_at`,
      params,
    );
    return rows.map((row) => ({
      offer: this.fromRow(row),
      guests: Number(row.guests),
      hostBusyElsewhere: Number(row.host_busy) > 0,
    }));
  }

  liveForSlots(slotIds: string[], em: EntityManager): Promise<OfferEntity[]> {
    return em.findBy(OfferEntity, { slotId: In(slotIds), withdrawnAt: IsNull() });
  }

  async deleteForSlots(slotIds: string[], em: EntityManager): Promise<void> {
    await em.delete(OfferEntity, { slotId: In(slotIds) });
  }

  /** A live offer from a raw row. */
  private fromRow(row: Record<string, unknown>): OfferEntity {
    return {
      id: String(row.id),
      sessionId: String(row.session_id),
      slotId: String(row.slot_id),
      hostId: String(row.host_id),
      seats: Number(row.seats),
      createdAt: this.db.readInstant(row.created_at),
      withdrawnAt: null,
    };
  }
}
