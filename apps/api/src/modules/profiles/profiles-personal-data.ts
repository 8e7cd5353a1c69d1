import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ErasedPerson,
  ERASE_DEFAULT,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';
import { ProfileEntity } from './entities/profile.entity';
import { ProfilesRepository } from './profiles.repository';

/** The profile, directory listing included. Erasure deletes it, which also takes them out of the directory. */
@Injectable()
@PersonalDataSource()
export class ProfilesPersonalData implements PersonalDataContributor {
  readonly section = 'profile';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(private readonly profiles: ProfilesRepository) {}

  async exportFor(userId: string): Promise<unknown> {
    const profile = await this.profiles.findByUserId(userId);
    if (!profile) return null;
    const { userId: _id, updatedAt, ...fields } = profile;
    return { ...fields, updatedAt: updatedAt.toISOString() };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await em.delete(ProfileEntity, { userId: person.userId });
  }
}
