import { Module } from '@nestjs/common';
import { PersonProfileResolver } from './person-profile.resolver';
import { ProfileMapper } from './profile-mapper';
import { ProfilesPersonalData } from './profiles-personal-data';
import { ProfileLoader } from './profiles.loaders';
import { ProfilesRepository } from './profiles.repository';
import { ProfilesResolver } from './profiles.resolver';
import { ProfilesService } from './profiles.service';
import { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyResolver } from './taxonomy.resolver';
import { TaxonomyService } from './taxonomy.service';

@Module({
  providers: [
    ProfilesResolver,
    PersonProfileResolver,
    TaxonomyResolver,
    ProfilesService,
    TaxonomyService,
    ProfileMapper,
    ProfileLoader,
    ProfilesRepository,
    TaxonomyRepository,
    ProfilesPersonalData,
  ],
  exports: [ProfilesService, TaxonomyService, ProfileLoader, ProfileMapper],
})
export class ProfilesModule {}
