import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ERASE_DEFAULT,
  ErasedPerson,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';

/**
 * Attendance in meetings' video rooms. It holds no personal field beyond the user id (times and
 * seconds, from LiveKit), and it is part of the meeting's record for the others and the impact
 * figures, so erasure keeps it: the id now points at the anonymised account.
 */
@Injectable()
@PersonalDataSource()
export class RoomsPersonalData implements PersonalDataContributor {
  readonly section = 'attendance';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly db: Database) {}

  async exportFor(userId: string): Promise<unknown> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      'SELECT meeting_id, organiser, first_joined_at, last_left_at, total_seconds FROM attendance WHERE user_id = ? ORDER BY first_joined_at, meeting_id',
      [userId],
    );
    return rows.map((a) => ({
      meetingId: a.meeting_id,
      asOrganiser: Boolean(a.organiser),
      firstJoinedAt: exportedInstant(this.db, a.first_joined_at),
      lastLeftAt: exportedInstant(this.db, a.last_left_at),
      totalSeconds: Number(a.total_seconds),
    }));
  }

  async erase(): Promise<void> {
    // Nothing personal to remove: see the class comment.
  }
}

/** What a person said about no-shows recorded against them; erasure removes their reasons. */
@Injectable()
@PersonalDataSource()
export class NoShowDisputesPersonalData implements PersonalDataContributor {
  readonly section = 'noShowDisputes';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly db: Database) {}

  async exportFor(userId: string): Promise<unknown> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      'SELECT meeting_id, reason, disputed_at FROM no_show_disputes WHERE user_id = ? ORDER BY disputed_at, meeting_id',
      [userId],
    );
    return rows.map((d) => ({
      meetingId: d.meeting_id,
      reason: d.reason ?? null,
      disputedAt: exportedInstant(this.db, d.disputed_at),
    }));
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await this.db.sql('UPDATE no_show_disputes SET reason = NULL WHERE user_id = ?', [person.userId], em);
  }
}
