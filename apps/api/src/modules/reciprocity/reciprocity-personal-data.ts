import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ERASE_DEFAULT,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';
import { ledgerLine, totalsOf } from './ledger';
import { ReciprocityRepository } from './reciprocity.repository';

/**
 * The ledger: the person's choice to show it, what they recorded per meeting, and the totals it
 * credits them. Erasure deletes their entries and their choice; the meetings themselves (and so
 * the others' hours from them) stay, the person shown as anonymous.
 */
@Injectable()
@PersonalDataSource()
export class ReciprocityPersonalData implements PersonalDataContributor {
  readonly section = 'reciprocity';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(
    private readonly db: Database,
    private readonly repository: ReciprocityRepository,
  ) {}

  async exportFor(userId: string): Promise<unknown> {
    const rows = await this.repository.heldMeetings({ userIds: [userId] });
    const lines = rows.map(ledgerLine);
    return {
      showOnProfile: (await this.repository.shownOnProfile([userId])).has(userId),
      totals: totalsOf(lines),
      meetings: rows.map((row, i) => ({
        startsAt: exportedInstant(this.db, row.startsAt),
        ...lines[i],
        recordedAt: row.entry ? exportedInstant(this.db, row.entry.updatedAt) : null,
      })),
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await this.db.sql('DELETE FROM reciprocity_entries WHERE user_id = ?', [person.userId], em);
    await this.db.sql('DELETE FROM reciprocity_preferences WHERE user_id = ?', [person.userId], em);
  }
}
