import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ErasureBlocker,
  ERASE_DEFAULT,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';
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
 * ones (the title lives on as the session's) and removes decline reasons they wrote as organiser;
 * it deletes their backings of proposals and their comments on them, and ends their co-organising.
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
      await this.db.sql<Row>(
        'SELECT id, title_cy, title_en, status, starts_at, ends_at FROM themed_sessions WHERE organiser_id = ? ORDER BY starts_at, id',
        [userId],
      )
    ).rows;
    const backings = (
      await this.db.sql<Row>(
        `SELECT b.proposal_id, p.title, b.kind, b.created_at FROM proposal_backings b
           JOIN session_proposals p ON p.id = b.proposal_id WHERE b.user_id = ? ORDER BY b.created_at, b.proposal_id, b.kind`,
        [userId],
      )
    ).rows;
    const comments = (
      await this.db.sql<Row>(
        `SELECT c.id, c.proposal_id, p.title, c.body, c.created_at FROM proposal_comments c
           JOIN session_proposals p ON p.id = c.proposal_id WHERE c.author_id = ? ORDER BY c.created_at, c.id`,
        [userId],
      )
    ).rows;
    const coOrganised = (
      await this.db.sql<Row>(
        'SELECT id, title_cy, title_en, status FROM themed_sessions WHERE co_organiser_id = ? ORDER BY starts_at, id',
        [userId],
      )
    ).rows;
    return {
      proposalBackings: backings.map((b) => ({
        proposalId: b.proposal_id,
        proposalTitle: b.title,
        kind: b.kind,
        createdAt: exportedInstant(this.db, b.created_at),
      })),
      proposalComments: comments.map((c) => ({
        id: c.id,
        proposalId: c.proposal_id,
        proposalTitle: c.title,
        body: c.body,
        createdAt: exportedInstant(this.db, c.created_at),
      })),
      coOrganised: coOrganised.map((s) => ({ id: s.id, titleCy: s.title_cy, titleEn: s.title_en, status: s.status })),
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
    const comments = await this.db.sql<{ body: string }>(
      'SELECT body FROM proposal_comments WHERE author_id = ?',
      [person.userId],
      em,
    );
    person.ownWords.push(...comments.rows.map((row) => row.body));
    // Their backings and comments go; so do those on their own proposals that are deleted below (cascade).
    await this.db.sql('DELETE FROM proposal_comments WHERE author_id = ?', [person.userId], em);
    await this.db.sql('DELETE FROM proposal_backings WHERE user_id = ?', [person.userId], em);
    await this.db.sql(
      'UPDATE themed_sessions SET co_organiser_id = NULL WHERE co_organiser_id = ?',
      [person.userId],
      em,
    );
    await this.db.sql(
      'DELETE FROM session_proposals WHERE proposer_id = ? AND status <> ?',
      [person.userId, ProposalStatus.ACCEPTED],
      em,
    );
    await this.db.sql(`UPDATE session_proposals SET description = '' WHERE proposer_id = ?`, [person.userId], em);
    await this.db.sql(
      'UPDATE session_proposals SET decline_reason = NULL WHERE decided_by_id = ?',
      [person.userId],
      em,
    );
  }
}
