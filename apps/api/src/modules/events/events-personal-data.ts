import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { ErasedPerson, ErasureBlocker, ERASE_DEFAULT, exportedInstant, PersonalDataContributor, PersonalDataSource } from '../../core/privacy/personal-data';
import { ProposalStatus, SessionStatus } from './events.enums';

type Row = Record<string, unknown>;

/** Sessions that still need their organiser: they block erasure until handed over, cancelled or over. */
const ACTIVE_SESSION_STATUSES = [SessionStatus.DRAFT, SessionStatus.PUBLISHED, SessionStatus.LIVE];

/**
 * Themed sessions and theme proposals. A session has exactly one organiser, so an organiser's
 * account is not erased while any of their sessions is a draft, published or live
 * (ERASURE_BLOCKED with ORGANISES_ACTIVE_SESSIONS and the session ids): cancel them or let them
 * close first. Closed and cancelled sessions stay, with the organiser anonymised, since their
 * meetings and outcomes belong to everyone who took part.
 *
 * Erasure deletes their pending and declined proposals, empties the description of accepted
 * ones (the title lives on as the session's) and removes decline reasons they wrote as organiser.
 */
@Injectable()
@PersonalDataSource()
export class EventsPersonalData implements PersonalDataContributor {
  readonly section = 'sessions';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly db: Database) {}

  async exportFor(userId: string): Promise<unknown> {
    const proposals = (
      await this.db.sql<Row>(
        `SELECT id, title, description, conditions, region, status, decline_reason, session_id, created_at, decided_at
           FROM session_proposals WHERE proposer_id = ? ORDER BY created_at, id`,
        [userId],
      )
    ).rows;
    const organised = (
      await this.db.sql<Row>('SELECT id, title_cy, title_en, status, starts_at, ends_at FROM themed_sessions WHERE organiser_id = ? ORDER BY starts_at, id', [userId])
    ).rows;
    return {
      proposals: proposals.map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description,
        conditions: JSON.parse(String(p.conditions)) as string[],
        region: p.region,
        status: p.status,
        declineReason: p.decline_reason,
        sessionId: p.session_id,
        createdAt: exportedInstant(this.db, p.created_at),
        decidedAt: exportedInstant(this.db, p.decided_at),
      })),
      organised: organised.map((s) => ({
        id: s.id,
        titleCy: s.title_cy,
        titleEn: s.title_en,
        status: s.status,
        startsAt: exportedInstant(this.db, s.starts_at),
        endsAt: exportedInstant(this.db, s.ends_at),
      })),
    };
  }

  async erasureBlockers(userId: string, em: EntityManager): Promise<ErasureBlocker[]> {
    const { rows } = await this.db.sql<{ id: string }>(
      `SELECT id FROM themed_sessions WHERE organiser_id = ? AND status IN (${ACTIVE_SESSION_STATUSES.map(() => '?').join(', ')}) ORDER BY starts_at, id`,
      [userId, ...ACTIVE_SESSION_STATUSES],
      em,
    );
    return rows.length === 0 ? [] : [{ code: 'ORGANISES_ACTIVE_SESSIONS', ids: rows.map((row) => row.id) }];
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    const written = await this.db.sql<{ words: string }>(
      `SELECT description AS words FROM session_proposals WHERE proposer_id = ? UNION SELECT decline_reason FROM session_proposals WHERE decided_by_id = ? AND decline_reason IS NOT NULL`,
      [person.userId, person.userId],
      em,
    );
    person.ownWords.push(...written.rows.map((row) => row.words));
    await this.db.sql('DELETE FROM session_proposals WHERE proposer_id = ? AND status <> ?', [person.userId, ProposalStatus.ACCEPTED], em);
    await this.db.sql(`UPDATE session_proposals SET description = '' WHERE proposer_id = ?`, [person.userId], em);
    await this.db.sql('UPDATE session_proposals SET decline_reason = NULL WHERE decided_by_id = ?', [person.userId], em);
  }
}
