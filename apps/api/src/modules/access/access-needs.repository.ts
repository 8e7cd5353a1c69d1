import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { AccessNeedProfileEntity, MeetingAccessNeedsEntity } from './entities/access-needs.entity';

export interface MeetingNeedsRow {
  userId: string;
  displayName: string;
  needs: string;
  note: string | null;
}

/** Where a person's needs for one meeting were given: at booking (meeting) or with a request. */
export type NeedsTarget = { meetingId: string } | { requestId: string };

/** The SQL of access needs: profiles (with consent) and what people asked for each meeting. */
@Injectable()
export class AccessNeedsRepository {
  constructor(private readonly db: Database) {}

  profile(userId: string): Promise<AccessNeedProfileEntity | null> {
    return this.db.manager.findOneBy(AccessNeedProfileEntity, { userId });
  }

  async saveProfile(row: AccessNeedProfileEntity, em: EntityManager): Promise<void> {
    await em.save(AccessNeedProfileEntity, row);
  }

  async deleteProfile(userId: string, em: EntityManager): Promise<void> {
    await this.db.sql('DELETE FROM access_need_profiles WHERE user_id = ?', [userId], em);
  }

  /** Replaces the person's needs for the meeting (or request); null needs clears them. */
  async setForMeeting(
    userId: string,
    target: NeedsTarget,
    value: { needs: string; note: string | null; consentedAt: Date } | null,
    em: EntityManager,
  ): Promise<void> {
    const [column, id] = 'meetingId' in target ? ['meeting_id', target.meetingId] : ['request_id', target.requestId];
    await this.db.sql(`DELETE FROM meeting_access_needs WHERE ${column} = ? AND user_id = ?`, [id, userId], em);
    if (!value) return;
    const row: MeetingAccessNeedsEntity = {
      id: randomUUID(),
      userId,
      meetingId: 'meetingId' in target ? target.meetingId : null,
      requestId: 'requestId' in target ? target.requestId : null,
      ...value,
    };
    await em.insert(MeetingAccessNeedsEntity, row);
  }

  /**
   * Everyone's needs for the meeting, by name: given at booking, or with a request that became
   * this meeting (its meeting_id). One row per person (the newest when both exist).
   */
  async ofMeeting(meetingId: string): Promise<MeetingNeedsRow[]> {
    const { rows } = await this.db.sql<{
      user_id: string;
      display_name: string;
      needs: string;
      note: string | null;
      consented_at: unknown;
    }>(
      `SELECT n.user_id, u.display_name, n.needs, n.note, n.consented_at
         FROM meeting_access_needs n JOIN users u ON u.id = n.user_id
        WHERE n.meeting_id = ?
           OR n.request_id IN (SELECT r.id FROM meeting_requests r WHERE r.meeting_id = ?)
        ORDER BY u.display_name, n.user_id, n.consented_at DESC`,
      [meetingId, meetingId],
    );
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(r.user_id) && seen.add(r.user_id))
      .map((r) => ({ userId: r.user_id, displayName: r.display_name, needs: r.needs, note: r.note }));
  }

  /**
   * Retention: needs of meetings that ended before the cutoff, and of requests that never became
   * a meeting and were answered (or sent) before it.
   */
  async purgeEndedBefore(cutoff: Date, em: EntityManager): Promise<number> {
    const at = this.db.instant(cutoff);
    const { affected } = await this.db.sql(
      `DELETE FROM meeting_access_needs
        WHERE meeting_id IN (SELECT m.id FROM meetings m WHERE m.ends_at < ?)
           OR request_id IN (
             SELECT r.id FROM meeting_requests r LEFT JOIN meetings m ON m.id = r.meeting_id
              WHERE m.ends_at < ?
                 OR (r.meeting_id IS NULL AND r.status IN ('DECLINED', 'WITHDRAWN', 'EXPIRED')
                     AND COALESCE(r.responded_at, r.created_at) < ?))`,
      [at, at, at],
      em,
    );
    return affected;
  }

  /** For export: what the person asked for each meeting or request. */
  async forMeetingsOf(userId: string): Promise<MeetingAccessNeedsEntity[]> {
    return this.db.manager.find(MeetingAccessNeedsEntity, {
      where: { userId },
      order: { consentedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Withdrawal of consent and erasure: everything kept about the person's needs. */
  async deleteAllOf(userId: string, em: EntityManager): Promise<void> {
    await this.db.sql('DELETE FROM meeting_access_needs WHERE user_id = ?', [userId], em);
    await this.deleteProfile(userId, em);
  }
}
