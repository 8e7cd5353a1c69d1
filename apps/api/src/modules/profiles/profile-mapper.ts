import { Injectable } from '@nestjs/common';
import { ProfileEntity } from './entities/profile.entity';
import { Profile } from './models/profile.model';
import { Vocabulary } from './profiles.enums';
import { TaxonomyService } from './taxonomy.service';

/** Entity → GraphQL model, resolving stored codes to terms from the in-memory taxonomy (no SQL). */
@Injectable()
export class ProfileMapper {
  constructor(private readonly taxonomy: TaxonomyService) {}

  async toModel(entity: ProfileEntity): Promise<Profile> {
    const [conditions, artForms, regions, supportOffers, supportNeeds] = await Promise.all([
      this.taxonomy.termsFor(Vocabulary.CONDITION, entity.conditions),
      this.taxonomy.termsFor(Vocabulary.ART_FORM, entity.artForms),
      this.taxonomy.termsFor(Vocabulary.REGION, entity.regions),
      this.taxonomy.termsFor(Vocabulary.SUPPORT, entity.supportOffers),
      this.taxonomy.termsFor(Vocabulary.SUPPORT, entity.supportNeeds),
    ]);
    return Profile.from(entity, { conditions, artForms, regions, supportOffers, supportNeeds });
  }
}
