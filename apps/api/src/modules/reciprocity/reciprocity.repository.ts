import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { ExchangeKind } from './reciprocity.enums';

/** One person's part in one held meeting, with what they recorded about it (if anything). */
export interface HeldMeetingRow {
  userId: string;
  meetingId: string;
  sessionId: string;
  sessionTitleCy: string;
  sessionTitleEn: string;
  startsAt: Date;
  endsAt: Date;
  /** Null when the person recorded nothing for this meeting. */
  entry: { gave: ExchangeKind[]; got: ExchangeKind[]; preparationMinutes: number; updatedAt: Date } | null;
}

export interface EntryValues {
  meetingId: string;
  userId: string;
  gave: ExchangeKind[];
  got: ExchangeKind[];
  preparationMinutes: number;
  updatedAt: Date;
}

type Row = Record<string, unknown>;

/** The ledger's SQL: held meetings are read from booking's tables, entries and preferences are this module's. */
@Injectable()
export class ReciprocityRepository {
  constructor(private readonly db: Database) {}

  /**
   * Each active participant's part in each COMPLETED meeting, latest first: of these people, of
   * meetings starting in [from, to), of these sessions — each filter only when given.
   */
  async heldMeetings(filter: {
    userIds?: readonly string[];
    from?: Date;
    to?: Date;
    sessionIds?: readonly string[];
  }): Promise<HeldMeetingRow[]> {
    const where: string[] = ['p.active'];
    const params: unknown[] = [];
    const among = (column: string, values: readonly string[]) => {
      where.push(`${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    if (filter.userIds?.length === 0 || filter.sessionIds?.length === 0) return [];
    if (filter.userIds) among('p.user_id', filter.userIds);
    if (filter.sessionIds) among('m.session_id', filter.sessionIds);
    if (filter.from) {
      where.push('m.starts_at >= ?');
      params.push(this.db.instant(filter.from));
    }
    if (filter.to) {
      where.push('m.starts_at < ?');
      params.push(this.db.instant(filter.to));
    }
    const { rows } = await this.db.sql<Row>(
      `SELECT p.user_id, m.id AS meeting_id, m.session_id, s.title_cy, s.title_en, m.starts_at, m.ends_at,
              e.gave, e.got, e.preparation_minutes, e.updated_at
         FROM meeting_participants p
         JOIN meetings m ON m.id = p.meeting_id AND m.status = 'COMPLETED'
         JOIN themed_sessions s ON s.id = m.session_id
         LEFT JOIN reciprocity_entries e ON e.meeting_id = m.id AND e.user_id = p.user_id
        WHERE ${where.join(' AND ')}
        ORDER BY m.starts_at DESC, m.id`,
      params,
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      meetingId: String(r.meeting_id),
      sessionId: String(r.session_id),
      sessionTitleCy: String(r.title_cy),
      sessionTitleEn: String(r.title_en),
      startsAt: this.db.readInstant(r.starts_at),
      endsAt: this.db.readInstant(r.ends_at),
      entry:
        r.gave === null || r.gave === undefined
          ? null
          : {
              gave: JSON.parse(String(r.gave)) as ExchangeKind[],
              got: JSON.parse(String(r.got)) as ExchangeKind[],
              preparationMinutes: Number(r.preparation_minutes),
              updatedAt: this.db.readInstant(r.updated_at),
            },
    }));
  }

  /** The other active participants of each meeting, by meeting id. */
  async othersIn(meetingIds: readonly string[], userId: string): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(meetingIds.map((id) => [id, []]));
    if (meetingIds.length === 0) return result;
    const { rows } = await this.db.sql<{ meeting_id: string; user_id: string }>(
      `SELECT meeting_id, user_id FROM meeting_participants
        WHERE active AND user_id <> ? AND meeting_id IN (${meetingIds.map(() => '?').join(',')}) ORDER BY created_at, id`,
      [userId, ...meetingIds],
    );
    for (const row of rows) result.get(row.meeting_id)!.push(row.user_id);
    return result;
  }

  async saveEntry(values: EntryValues, em: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO reciprocity_entries (meeting_id, user_id, gave, got, preparation_minutes, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET gave = excluded.gave, got = excluded.got,
         preparation_minutes = excluded.preparation_minutes, updated_at = excluded.updated_at`,
      [
        values.meetingId,
        values.userId,
        JSON.stringify(values.gave),
        JSON.stringify(values.got),
        values.preparationMinutes,
        this.db.instant(values.updatedAt),
      ],
      em,
    );
  }

  /** Who chose to show their hours on their profile, of these people. */
  async shownOnProfile(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await this.db.sql<{ user_id: string }>(
      `SELECT user_id FROM reciprocity_preferences WHERE show_on_profile AND user_id IN (${userIds.map(() => '?').join(',')})`,
      [...userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async setShownOnProfile(userId: string, show: boolean, at: Date, em: EntityManager): Promise<void> {
    // A literal, not a parameter: better-sqlite3 binds no booleans.
    const value = show ? 'TRUE' : 'FALSE';
    await this.db.sql(
      `INSERT INTO reciprocity_preferences (user_id, show_on_profile, updated_at) VALUES (?, ${value}, ?)
       ON CONFLICT (user_id) DO UPDATE SET show_on_profile = excluded.show_on_profile, updated_at = excluded.updated_at`,
      [userId, this.db.instant(at)],
      em,
    );
  }
}
