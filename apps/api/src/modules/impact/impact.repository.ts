import { Injectable } from '@nestjs/common';
import { Database } from '../../core/database/database';

/** Which sessions a dashboard covers. Every filter narrows the set of sessions. */
export interface SessionSelection {
  /** Only this organiser's sessions; undefined for admins (all organisers). */
  organiserId?: string;
  sessionIds?: readonly string[];
  /** Sessions starting at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
  /** Sessions held for this health-board region (REGION code). */
  region?: string;
  /** Sessions whose theme includes this condition (CONDITION code). */
  condition?: string;
}

export interface SelectedSession {
  id: string;
  titleCy: string;
  titleEn: string;
  startsAt: Date;
}

/** A profile field a reach breakdown reads, and how. */
export type ReachDimension =
  'REGION' | 'CONDITION' | 'ART_FORM' | 'ORGANISATION_KIND' | 'INCLUSIVE_SPACE' | 'PROJECT_TERM';

/** Profile columns holding JSON lists of taxonomy codes, by the vocabulary of their codes. */
const CODE_LIST_COLUMNS = { REGION: 'regions', CONDITION: 'conditions', ART_FORM: 'art_forms' } as const;

export const NOT_STATED = 'NOT_STATED';

export interface KeyedCount {
  key: string;
  n: number;
}

export interface SessionKeyedCount extends KeyedCount {
  sessionId: string;
}

export interface FollowUpCount {
  sessionId: string;
  kind: string;
  created: number;
  done: number;
  /** REFERRAL_ROUTE not DROPPED: a referral route agreed. */
  agreed: number;
}

export interface RequestCounts {
  answered: number;
  unanswered: number;
  /** Median of (answered − sent) in hours over answered requests; null when none. */
  medianHoursToAnswer: number | null;
}

export interface FeedbackCount {
  sessionId: string;
  answers: number;
  usefulnessSum: number;
}

export interface LinkWorkerCapacity {
  linkWorkers: number;
  offered: number;
  used: number;
}

/** One organisation a link worker agreed a referral route with, and when. */
export interface LinkWorkerRoute {
  linkWorkerId: string;
  displayName: string;
  organisationId: string;
  agreedAt: Date;
}

/** Meeting statuses in which the meeting took place: its active participants took part. */
const TOOK_PLACE = `('IN_PROGRESS', 'COMPLETED')`;

/**
 * All SQL of the impact dashboard, portable between SQLite and PostgreSQL: `?` placeholders,
 * COUNT results read through Number() (PostgreSQL returns bigint as text), lists of taxonomy codes
 * matched with LIKE '%"code"%' against the profiles' JSON text (codes are [a-z-], no wildcards),
 * and the one engine-specific fragment, hours between two instants, chosen by engine.
 */
@Injectable()
export class ImpactRepository {
  constructor(private readonly db: Database) {}

  async sessions(selection: SessionSelection): Promise<SelectedSession[]> {
    const where = [`s.status NOT IN ('DRAFT', 'CANCELLED')`];
    const params: unknown[] = [];
    if (selection.organiserId) {
      where.push('s.organiser_id = ?');
      params.push(selection.organiserId);
    }
    if (selection.sessionIds) {
      if (selection.sessionIds.length === 0) return [];
      where.push(`s.id IN (${marks(selection.sessionIds)})`);
      params.push(...selection.sessionIds);
    }
    if (selection.from) {
      where.push('s.starts_at >= ?');
      params.push(this.db.instant(selection.from));
    }
    if (selection.to) {
      where.push('s.starts_at < ?');
      params.push(this.db.instant(selection.to));
    }
    if (selection.region) {
      where.push('s.region = ?');
      params.push(selection.region);
    }
    if (selection.condition) {
      where.push('EXISTS (SELECT 1 FROM session_conditions sc WHERE sc.session_id = s.id AND sc.condition_code = ?)');
      params.push(selection.condition);
    }
    const { rows } = await this.db.sql<{ id: string; title_cy: string; title_en: string; starts_at: unknown }>(
      `SELECT s.id, s.title_cy, s.title_en, s.starts_at FROM themed_sessions s WHERE ${where.join(' AND ')} ORDER BY s.starts_at, s.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      titleCy: r.title_cy,
      titleEn: r.title_en,
      startsAt: this.db.readInstant(r.starts_at),
    }));
  }

  /** Distinct people who took part in each session. */
  async reachPerSession(sessionIds: readonly string[]): Promise<SessionKeyedCount[]> {
    const { rows } = await this.db.sql<{ session_id: string; n: unknown }>(
      `SELECT m.session_id, COUNT(DISTINCT mp.user_id) AS n
         FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id
        WHERE m.session_id IN (${marks(sessionIds)}) AND mp.active AND m.status IN ${TOOK_PLACE}
        GROUP BY m.session_id`,
      [...sessionIds],
    );
    return rows.map((r) => ({ sessionId: r.session_id, key: r.session_id, n: Number(r.n) }));
  }

  /** Distinct people who took part in any of the sessions, counted once however many. */
  async reach(sessionIds: readonly string[]): Promise<number> {
    const { rows } = await this.db.sql<{ n: unknown }>(`SELECT COUNT(*) AS n FROM (${this.tookPart(sessionIds)}) tp`, [
      ...sessionIds,
    ]);
    return Number(rows[0]!.n);
  }

  /**
   * Reach by one profile field: people per key, NOT_STATED for people without a profile or
   * without a value. For REGION, CONDITION and ART_FORM a person counts once under each code on
   * their profile, so the rows may add up to more than the reach.
   */
  async reachBy(dimension: ReachDimension, sessionIds: readonly string[]): Promise<KeyedCount[]> {
    const tookPart = this.tookPart(sessionIds);
    let sql: string;
    const params: unknown[] = [];
    if (dimension === 'REGION' || dimension === 'CONDITION' || dimension === 'ART_FORM') {
      const column = CODE_LIST_COLUMNS[dimension];
      sql = `SELECT COALESCE(t.code, '${NOT_STATED}') AS k, COUNT(DISTINCT tp.user_id) AS n
               FROM (${tookPart}) tp
               LEFT JOIN profiles p ON p.user_id = tp.user_id
               LEFT JOIN taxonomy_terms t ON t.vocabulary = ? AND p.${column} LIKE ('%"' || t.code || '"%')
              GROUP BY COALESCE(t.code, '${NOT_STATED}')`;
      params.push(...sessionIds, dimension);
    } else {
      const key = {
        ORGANISATION_KIND: `COALESCE(o.kind, '${NOT_STATED}')`,
        INCLUSIVE_SPACE: `CASE WHEN p.user_id IS NULL THEN '${NOT_STATED}' WHEN p.inclusive_space THEN 'YES' ELSE 'NO' END`,
        PROJECT_TERM: `COALESCE(p.project_term, '${NOT_STATED}')`,
      }[dimension];
      sql = `SELECT ${key} AS k, COUNT(*) AS n
               FROM (${tookPart}) tp
               JOIN users u ON u.id = tp.user_id
               LEFT JOIN organisations o ON o.id = u.organisation_id
               LEFT JOIN profiles p ON p.user_id = tp.user_id
              GROUP BY ${key}`;
      params.push(...sessionIds);
    }
    const { rows } = await this.db.sql<{ k: string; n: unknown }>(sql, params);
    return rows.map((r) => ({ key: r.k, n: Number(r.n) }));
  }

  async meetingsPerSession(sessionIds: readonly string[]): Promise<SessionKeyedCount[]> {
    const { rows } = await this.db.sql<{ session_id: string; status: string; n: unknown }>(
      `SELECT session_id, status, COUNT(*) AS n FROM meetings WHERE session_id IN (${marks(sessionIds)}) GROUP BY session_id, status`,
      [...sessionIds],
    );
    return rows.map((r) => ({ sessionId: r.session_id, key: r.status, n: Number(r.n) }));
  }

  /**
   * Requests sent in the sessions, less those their senders withdrew: answered (ACCEPTED or
   * DECLINED) or unanswered (still PENDING, or EXPIRED at the session's start), and the median
   * time to an answer — the middle one or the mean of the middle two, by window functions.
   */
  async requests(sessionIds: readonly string[]): Promise<RequestCounts> {
    const ids = marks(sessionIds);
    const counts = await this.db.sql<{ answered: unknown; unanswered: unknown }>(
      `SELECT COALESCE(SUM(CASE WHEN status IN ('ACCEPTED', 'DECLINED') THEN 1 ELSE 0 END), 0) AS answered,
              COALESCE(SUM(CASE WHEN status IN ('PENDING', 'EXPIRED') THEN 1 ELSE 0 END), 0) AS unanswered
         FROM meeting_requests WHERE session_id IN (${ids})`,
      [...sessionIds],
    );
    const median = await this.db.sql<{ median: unknown }>(
      `WITH answered AS (
         SELECT ${this.hoursBetween('created_at', 'responded_at')} AS hours FROM meeting_requests
          WHERE session_id IN (${ids}) AND status IN ('ACCEPTED', 'DECLINED') AND responded_at IS NOT NULL
       ), ranked AS (
         SELECT hours, ROW_NUMBER() OVER (ORDER BY hours) AS rn, COUNT(*) OVER () AS n FROM answered
       )
       SELECT AVG(hours) AS median FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)`,
      [...sessionIds],
    );
    const value = median.rows[0]?.median;
    return {
      answered: Number(counts.rows[0]!.answered),
      unanswered: Number(counts.rows[0]!.unanswered),
      medianHoursToAnswer: value === null || value === undefined ? null : Number(value),
    };
  }

  async followUps(sessionIds: readonly string[]): Promise<FollowUpCount[]> {
    const { rows } = await this.db.sql<{
      session_id: string;
      kind: string;
      created: unknown;
      done: unknown;
      agreed: unknown;
    }>(
      `SELECT m.session_id, a.kind, COUNT(*) AS created,
              SUM(CASE WHEN a.status = 'DONE' THEN 1 ELSE 0 END) AS done,
              SUM(CASE WHEN a.kind = 'REFERRAL_ROUTE' AND a.status <> 'DROPPED' THEN 1 ELSE 0 END) AS agreed
         FROM follow_up_actions a JOIN meetings m ON m.id = a.meeting_id
        WHERE m.session_id IN (${marks(sessionIds)})
        GROUP BY m.session_id, a.kind`,
      [...sessionIds],
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      kind: r.kind,
      created: Number(r.created),
      done: Number(r.done),
      agreed: Number(r.agreed),
    }));
  }

  /** Referral routes agreed (not DROPPED), by the kind of organisation that will refer. */
  async referralRoutesBy(sessionIds: readonly string[]): Promise<KeyedCount[]> {
    const key = `COALESCE(a.referring_organisation_kind, '${NOT_STATED}')`;
    const { rows } = await this.db.sql<{ k: string; n: unknown }>(
      `SELECT ${key} AS k, COUNT(*) AS n
         FROM follow_up_actions a JOIN meetings m ON m.id = a.meeting_id
        WHERE m.session_id IN (${marks(sessionIds)}) AND a.kind = 'REFERRAL_ROUTE' AND a.status <> 'DROPPED'
        GROUP BY ${key}`,
      [...sessionIds],
    );
    return rows.map((r) => ({ key: r.k, n: Number(r.n) }));
  }

  /**
   * Referral routes agreed (not DROPPED) in meetings that took place with a link worker in them:
   * each link worker, each other participant's organisation (not the link worker's own), and when
   * the route was recorded. Short-term projects count like any other.
   */
  async linkWorkerRoutes(sessionIds: readonly string[]): Promise<LinkWorkerRoute[]> {
    const { rows } = await this.db.sql<{
      user_id: string;
      display_name: string;
      organisation_id: string;
      created_at: unknown;
    }>(
      `SELECT lw.id AS user_id, lw.display_name, ou.organisation_id, a.created_at
         FROM follow_up_actions a
         JOIN meetings m ON m.id = a.meeting_id
         JOIN meeting_participants lp ON lp.meeting_id = m.id AND lp.active
         JOIN users lw ON lw.id = lp.user_id AND lw.roles LIKE '%"LINK_WORKER"%'
         JOIN meeting_participants op ON op.meeting_id = m.id AND op.active AND op.user_id <> lw.id
         JOIN users ou ON ou.id = op.user_id AND ou.organisation_id IS NOT NULL
        WHERE m.session_id IN (${marks(sessionIds)}) AND m.status IN ${TOOK_PLACE}
          AND a.kind = 'REFERRAL_ROUTE' AND a.status <> 'DROPPED'
          AND (lw.organisation_id IS NULL OR ou.organisation_id <> lw.organisation_id)
        ORDER BY a.created_at, lw.id`,
      [...sessionIds],
    );
    return rows.map((r) => ({
      linkWorkerId: r.user_id,
      displayName: r.display_name,
      organisationId: r.organisation_id,
      agreedAt: this.db.readInstant(r.created_at),
    }));
  }

  /**
   * Link workers who took part, the referral capacity per month their profiles offer (summed),
   * and the referral routes agreed (not DROPPED) in meetings they were in — each route once.
   */
  async linkWorkerCapacity(sessionIds: readonly string[]): Promise<LinkWorkerCapacity> {
    const ids = marks(sessionIds);
    const offered = await this.db.sql<{ link_workers: unknown; offered: unknown }>(
      `SELECT COUNT(*) AS link_workers, COALESCE(SUM(p.referral_capacity_per_month), 0) AS offered
         FROM (${this.tookPart(sessionIds)}) tp
         JOIN users u ON u.id = tp.user_id
         LEFT JOIN profiles p ON p.user_id = tp.user_id
        WHERE u.roles LIKE '%"LINK_WORKER"%'`,
      [...sessionIds],
    );
    const used = await this.db.sql<{ n: unknown }>(
      `SELECT COUNT(DISTINCT a.id) AS n
         FROM follow_up_actions a
         JOIN meetings m ON m.id = a.meeting_id
         JOIN meeting_participants mp ON mp.meeting_id = m.id AND mp.active
         JOIN users u ON u.id = mp.user_id
        WHERE m.session_id IN (${ids}) AND m.status IN ${TOOK_PLACE}
          AND a.kind = 'REFERRAL_ROUTE' AND a.status <> 'DROPPED' AND u.roles LIKE '%"LINK_WORKER"%'`,
      [...sessionIds],
    );
    return {
      linkWorkers: Number(offered.rows[0]!.link_workers),
      offered: Number(offered.rows[0]!.offered),
      used: Number(used.rows[0]!.n),
    };
  }

  async feedback(sessionIds: readonly string[]): Promise<FeedbackCount[]> {
    const { rows } = await this.db.sql<{ session_id: string; answers: unknown; usefulness_sum: unknown }>(
      `SELECT m.session_id, COUNT(*) AS answers, SUM(f.usefulness) AS usefulness_sum
         FROM meeting_feedback f JOIN meetings m ON m.id = f.meeting_id
        WHERE m.session_id IN (${marks(sessionIds)})
        GROUP BY m.session_id`,
      [...sessionIds],
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      answers: Number(r.answers),
      usefulnessSum: Number(r.usefulness_sum),
    }));
  }

  /** Whether the user is registered for the session or is in any of its meetings. */
  async isParticipant(sessionId: string, userId: string): Promise<boolean> {
    const { rows } = await this.db.sql(
      `SELECT 1 AS yes FROM registrations WHERE session_id = ? AND user_id = ?
       UNION
       SELECT 1 AS yes FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id WHERE m.session_id = ? AND mp.user_id = ? AND mp.active`,
      [sessionId, userId, sessionId, userId],
    );
    return rows.length > 0;
  }

  /** People who took part in the sessions (one row each); takes the session ids as parameters. */
  private tookPart(sessionIds: readonly string[]): string {
    return `SELECT DISTINCT mp.user_id FROM meeting_participants mp JOIN meetings m ON m.id = mp.meeting_id
             WHERE m.session_id IN (${marks(sessionIds)}) AND mp.active AND m.status IN ${TOOK_PLACE}`;
  }

  private hoursBetween(earlier: string, later: string): string {
    return this.db.engine === 'postgres'
      ? `EXTRACT(EPOCH FROM (${later} - ${earlier})) / 3600.0`
      : `(julianday(${later}) - julianday(${earlier})) * 24.0`;
  }
}

function marks(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
