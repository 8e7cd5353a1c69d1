import { Injectable } from '@nestjs/common';
import { Actor, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { ProfileEntity } from './entities/profile.entity';
import { ProfilesError } from './profiles.errors';
import { DirectoryDelivery, ProjectTerm, Vocabulary, WelshAbility } from './profiles.enums';
import { ProfilesRepository } from './profiles.repository';
import { TaxonomyService } from './taxonomy.service';

/**
 * A change to one's own profile. Every field is optional: an omitted (undefined) field keeps its
 * stored value — or its default when the profile is new — so clients may send only what changed.
 * `null` clears the two nullable fields (projectTerm, referralCapacityPerMonth). A list, when sent,
 * replaces the stored list (duplicates are dropped, order kept).
 */
export interface ProfileChanges {
  conditions?: string[];
  artForms?: string[];
  regions?: string[];
  supportOffers?: string[];
  supportNeeds?: string[];
  welshAbility?: WelshAbility;
  offers?: string;
  needs?: string;
  evidenceApproach?: string;
  projectTerm?: ProjectTerm | null;
  inclusiveSpace?: boolean;
  referralCapacityPerMonth?: number | null;
  requestsWhenFull?: boolean;
  directoryListed?: boolean;
  directoryServiceName?: string | null;
  directoryDescription?: string | null;
  directoryDelivery?: DirectoryDelivery | null;
  directoryTown?: string | null;
  directoryWebsite?: string | null;
  directoryEmail?: string | null;
}

type ProfileFields = Omit<ProfileEntity, 'userId' | 'updatedAt'>;

/** What a new profile holds before its owner says otherwise. */
const NEW_PROFILE: Readonly<ProfileFields> = Object.freeze({
  conditions: [],
  artForms: [],
  regions: [],
  supportOffers: [],
  supportNeeds: [],
  welshAbility: WelshAbility.NONE,
  offers: '',
  needs: '',
  evidenceApproach: '',
  projectTerm: null,
  inclusiveSpace: false,
  referralCapacityPerMonth: null,
  requestsWhenFull: true,
  directoryListed: false,
  directoryServiceName: null,
  directoryDescription: null,
  directoryDelivery: null,
  directoryTown: null,
  directoryWebsite: null,
  directoryEmail: null,
});

const CODE_FIELDS = [
  ['conditions', Vocabulary.CONDITION],
  ['artForms', Vocabulary.ART_FORM],
  ['regions', Vocabulary.REGION],
  ['supportOffers', Vocabulary.SUPPORT],
  ['supportNeeds', Vocabulary.SUPPORT],
] as const;

@Injectable()
export class ProfilesService {
  constructor(
    private readonly db: Database,
    private readonly profiles: ProfilesRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly clock: Clock,
  ) {}

  getByUserId(userId: string): Promise<ProfileEntity | null> {
    return this.profiles.findByUserId(userId);
  }

  /** Profiles of these users (those that have one), for other modules such as matching. */
  findByUserIds(userIds: readonly string[]): Promise<ProfileEntity[]> {
    return this.profiles.findByUserIds([...new Set(userIds)]);
  }

  /**
   * Creates or changes the caller's own profile (see ProfileChanges for what omission means).
   * Rules: every code must be a term of its vocabulary (UNKNOWN_TERM, listing the bad codes);
   * referral capacity is a link worker's field (FIELD_NOT_FOR_ROLE for anyone else — admins
   * included, since this is their own profile) and is kept empty on everyone else's profile.
   * Only practitioners may be listed in the referral directory (FIELD_NOT_FOR_ROLE), and a listing
   * needs a service name, a way of delivery and a public contact (DIRECTORY_LISTING_INCOMPLETE).
   */
  async upsertOwn(actor: Actor, changes: ProfileChanges): Promise<ProfileEntity> {
    const isLinkWorker = actor.roles.includes(Role.LINK_WORKER);
    if (!isLinkWorker && changes.referralCapacityPerMonth !== undefined && changes.referralCapacityPerMonth !== null) {
      throw ProfilesError.fieldNotForRole('referralCapacityPerMonth', Role.LINK_WORKER);
    }
    if (changes.directoryListed && !actor.roles.includes(Role.PRACTITIONER)) {
      throw ProfilesError.fieldNotForRole('directoryListed', Role.PRACTITIONER);
    }
    const lists: Partial<Pick<ProfileFields, (typeof CODE_FIELDS)[number][0]>> = {};
    for (const [field, vocabulary] of CODE_FIELDS) {
      const codes = changes[field];
      if (codes === undefined) continue;
      await this.taxonomy.assertCodes(vocabulary, codes);
      lists[field] = [...new Set(codes)];
    }

    return this.db.write(async (em) => {
      const stored = await this.profiles.findForUpdate(actor.id, em);
      const profile: ProfileEntity = {
        ...NEW_PROFILE,
        ...stored,
        ...definedOnly(changes),
        ...lists,
        userId: actor.id,
        updatedAt: this.clock.now(),
      };
      if (!isLinkWorker) profile.referralCapacityPerMonth = null;
      for (const field of DIRECTORY_TEXTS) profile[field] = profile[field]?.trim() || null;
      if (profile.directoryListed) assertListingComplete(profile);
      await this.profiles.save(profile, em);
      return profile;
    });
  }
}

/** The profile fields that were sent (null included); omitted and unknown keys are left out. */
function definedOnly(changes: ProfileChanges): Partial<ProfileFields> {
  const fields = Object.keys(NEW_PROFILE) as (keyof ProfileFields)[];
  return Object.fromEntries(
    fields.filter((field) => changes[field] !== undefined).map((field) => [field, changes[field]]),
  );
}

/** The listing's free texts: stored trimmed, and blank ones as null. */
const DIRECTORY_TEXTS = [
  'directoryServiceName',
  'directoryDescription',
  'directoryTown',
  'directoryWebsite',
  'directoryEmail',
] as const;

/** A listing the public can act on: what it is, how it is delivered, and how to get in touch. */
function assertListingComplete(profile: ProfileEntity): void {
  const missing = [
    !profile.directoryServiceName?.trim() && 'directoryServiceName',
    !profile.directoryDelivery && 'directoryDelivery',
    !profile.directoryWebsite?.trim() && !profile.directoryEmail?.trim() && 'directoryWebsite|directoryEmail',
  ].filter((field): field is string => Boolean(field));
  if (missing.length > 0) throw ProfilesError.listingIncomplete(missing);
}
