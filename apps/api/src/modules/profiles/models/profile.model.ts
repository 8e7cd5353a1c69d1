import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ProfileEntity } from '../entities/profile.entity';
import { TaxonomyTermEntity } from '../entities/taxonomy-term.entity';
import { DirectoryDelivery, ProjectTerm, WelshAbility } from '../profiles.enums';
import { TaxonomyTerm } from './taxonomy-term.model';

registerEnumType(WelshAbility, { name: 'WelshAbility' });
registerEnumType(ProjectTerm, { name: 'ProjectTerm' });
registerEnumType(DirectoryDelivery, { name: 'DirectoryDelivery' });

export interface ProfileTerms {
  conditions: TaxonomyTermEntity[];
  artForms: TaxonomyTermEntity[];
  regions: TaxonomyTermEntity[];
  supportOffers: TaxonomyTermEntity[];
  supportNeeds: TaxonomyTermEntity[];
}

/** What a participant says about their work. No patient data. */
/** The referral listing's own fields, hidden with it while it is unlisted. */
const LISTING_FIELDS = [
  'directoryServiceName',
  'directoryDescription',
  'directoryDelivery',
  'directoryTown',
  'directoryWebsite',
  'directoryEmail',
] as const;

@ObjectType()
export class Profile {
  @Field(() => [TaxonomyTerm])
  conditions: TaxonomyTerm[];

  @Field(() => [TaxonomyTerm])
  artForms: TaxonomyTerm[];

  /** Health boards the person works in. */
  @Field(() => [TaxonomyTerm])
  regions: TaxonomyTerm[];

  /** Kinds of support offered and needed (SUPPORT terms). */
  @Field(() => [TaxonomyTerm])
  supportOffers: TaxonomyTerm[];

  @Field(() => [TaxonomyTerm])
  supportNeeds: TaxonomyTerm[];

  @Field(() => WelshAbility)
  welshAbility: WelshAbility;

  @Field()
  offers: string;

  @Field()
  needs: string;

  @Field()
  evidenceApproach: string;

  @Field(() => ProjectTerm, { nullable: true })
  projectTerm: ProjectTerm | null;

  @Field()
  inclusiveSpace: boolean;

  /** Link workers only; null for everyone else. */
  @Field(() => Int, { nullable: true })
  referralCapacityPerMonth: number | null;

  /** Link workers: whether meeting requests still reach them once this month's referral places are used up. */
  @Field()
  requestsWhenFull: boolean;

  /** Listed in the public referral directory (practitioners only). */
  @Field()
  directoryListed: boolean;

  @Field(() => String, { nullable: true })
  directoryServiceName: string | null;

  @Field(() => String, { nullable: true })
  directoryDescription: string | null;

  @Field(() => DirectoryDelivery, { nullable: true })
  directoryDelivery: DirectoryDelivery | null;

  @Field(() => String, { nullable: true })
  directoryTown: string | null;

  @Field(() => String, { nullable: true })
  directoryWebsite: string | null;

  @Field(() => String, { nullable: true })
  directoryEmail: string | null;

  @Field()
  updatedAt: Date;

  /** Whose profile this is (not a field: for field resolvers of other modules, e.g. referral places left). */
  ownerId: string;

  /**
   * As someone else sees it: an unlisted profile's referral listing (service, town, website,
   * e-mail…) is hidden with the listing; only its owner sees what they keep for later.
   */
  forOthers(): Profile {
    if (this.directoryListed) return this;
    return Object.assign(new Profile(), this, Object.fromEntries(LISTING_FIELDS.map((field) => [field, null])));
  }

  /** `terms` are the entity's codes resolved against the vocabularies (see ProfileMapper). */
  static from(entity: ProfileEntity, terms: ProfileTerms): Profile {
    return Object.assign(new Profile(), {
      ownerId: entity.userId,
      conditions: terms.conditions.map(TaxonomyTerm.from),
      artForms: terms.artForms.map(TaxonomyTerm.from),
      regions: terms.regions.map(TaxonomyTerm.from),
      supportOffers: terms.supportOffers.map(TaxonomyTerm.from),
      supportNeeds: terms.supportNeeds.map(TaxonomyTerm.from),
      welshAbility: entity.welshAbility,
      offers: entity.offers,
      needs: entity.needs,
      evidenceApproach: entity.evidenceApproach,
      projectTerm: entity.projectTerm,
      inclusiveSpace: entity.inclusiveSpace,
      referralCapacityPerMonth: entity.referralCapacityPerMonth,
      requestsWhenFull: entity.requestsWhenFull,
      directoryListed: entity.directoryListed,
      directoryServiceName: entity.directoryServiceName,
      directoryDescription: entity.directoryDescription,
      directoryDelivery: entity.directoryDelivery,
      directoryTown: entity.directoryTown,
      directoryWebsite: entity.directoryWebsite,
      directoryEmail: entity.directoryEmail,
      updatedAt: entity.updatedAt,
    });
  }
}
