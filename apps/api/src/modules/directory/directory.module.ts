import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { DirectoryVocabularies } from './directory-vocabularies';
import { DirectoryController } from './directory.controller';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

/** The public referral directory: opted-in practitioners' services as Open Referral UK 3.0 JSON. */
@Module({
  imports: [ProfilesModule],
  controllers: [DirectoryController],
  providers: [DirectoryService, DirectoryRepository, DirectoryVocabularies],
})
export class DirectoryModule {}
