import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ERASE_DEFAULT,
  ErasedPerson,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';
import { needsList } from './access-needs';
import { AccessNeedsRepository } from './access-needs.repository';

/** A person's access needs: on their profile and per meeting (or request). Erasure deletes them. */
@Injectable()
@PersonalDataSource()
export class AccessNeedsPersonalData implements PersonalDataContributor {
  readonly section = 'accessNeeds';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly repo: AccessNeedsRepository) {}

  async exportFor(userId: string): Promise<unknown> {
    const [profile, meetings] = await Promise.all([this.repo.profile(userId), this.repo.forMeetingsOf(userId)]);
    return {
      profile: profile
        ? { needs: needsList(profile.needs), note: profile.note, consentedAt: profile.consentedAt.toISOString() }
        : null,
      meetings: meetings.map((row) => ({
        meetingId: row.meetingId,
        requestId: row.requestId,
        needs: needsList(row.needs),
        note: row.note,
        consentedAt: row.consentedAt.toISOString(),
      })),
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await this.repo.deleteAllOf(person.userId, em);
  }
}
