import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ErasedPerson, ERASE_DEFAULT, PersonalDataContributor, PersonalDataRegistry } from '../../core/privacy/personal-data';
import { ProfileEntity } from './entities/profile.entity';
import { ProfilesRepository } from './profiles.repository';

/** The profile, directory listing included. Erasure deletes it, which also takes them out of the directory. */
@Injectable()
export class ProfilesPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'profile';
  readonly eraseOrder = ERASE_DEFAULT;

  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

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
