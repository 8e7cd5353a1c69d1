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

/** The meetings a person was assigned to interpret. Erasure removes the assignments. */
@Injectable()
@PersonalDataSource()
export class InterpretationPersonalData implements PersonalDataContributor {
  readonly section = 'interpreting';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly db: Database) {}

  async exportFor(userId: string): Promise<unknown> {
    const { rows } = await this.db.sql<Record<string, unknown>>(
      'SELECT meeting_id, languages, assigned_at FROM meeting_interpreters WHERE user_id = ? ORDER BY assigned_at, meeting_id',
      [userId],
    );
    return rows.map((r) => ({
      meetingId: r.meeting_id,
      languages: String(r.languages).split(','),
      assignedAt: exportedInstant(this.db, r.assigned_at),
    }));
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await this.db.sql('DELETE FROM meeting_interpreters WHERE user_id = ?', [person.userId], em);
  }
}
