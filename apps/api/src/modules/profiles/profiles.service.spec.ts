import { describe, expect, it } from 'vitest';
import { Actor, Language, Role } from '../../core/auth/role';
import { FixedClock } from '../../core/clock/clock';
import type { Database } from '../../core/database/database';
import { ProfilesError, ProfilesErrorCode } from './profiles.errors';
import { DirectoryDelivery, ProjectTerm, Vocabulary, WelshAbility } from './profiles.enums';
import type { ProfilesRepository } from './profiles.repository';
import { ProfilesService } from './profiles.service';
import type { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyService } from './taxonomy.service';
import { FakeDatabase, FakeProfilesRepository, FakeTaxonomyRepository } from '../../../test/doubles/profiles.fakes';

const T0 = new Date('2027-01-10T10:00:00Z');

function actor(id: string, ...roles: Role[]): Actor {
  return {
    id,
    email: `${id}@example.test`,
    displayName: id,
    language: Language.en,
    roles,
    loginSessionId: 'ls',
    emailConfirmed: true,
  };
}

function setup() {
  const db = new FakeDatabase();
  const profiles = new FakeProfilesRepository();
  const clock = new FixedClock(T0);
  const taxonomy = new TaxonomyService(new FakeTaxonomyRepository() as unknown as TaxonomyRepository);
  const service = new ProfilesService(
    db as unknown as Database,
    profiles as unknown as ProfilesRepository,
    taxonomy,
    clock,
  );
  return { db, profiles, clock, service };
}

async function failure(promise: Promise<unknown>): Promise<ProfilesError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProfilesError);
  return error as ProfilesError;
}

const practitioner = actor('pat', Role.PRACTITIONER);
const linkWorker = actor('lin', Role.LINK_WORKER);

describe('ProfilesService.upsertOwn', () => {
  it('creates a profile with defaults for what was not sent, through one Database.write', async () => {
    const { service, profiles, db } = setup();
    const saved = await service.upsertOwn(practitioner, {
      conditions: ['parkinsons'],
      offers: 'Dance for Parkinson’s',
    });
    expect(saved).toEqual({
      userId: 'pat',
      conditions: ['parkinsons'],
      artForms: [],
      regions: [],
      supportOffers: [],
      supportNeeds: [],
      welshAbility: WelshAbility.NONE,
      offers: 'Dance for Parkinson’s',
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
      updatedAt: T0,
    });
    expect(profiles.rows.get('pat')).toEqual(saved);
    expect(db.writes).toBe(1);
  });

  it('stores a listing trimmed, blank texts as null, and refuses one without a contact', async () => {
    const { service, profiles } = setup();
    const saved = await service.upsertOwn(practitioner, {
      directoryListed: true,
      directoryServiceName: '  Dawns  ',
      directoryDescription: '   ',
      directoryDelivery: DirectoryDelivery.ONLINE,
      directoryEmail: 'hello@example.org',
    });
    expect(saved).toMatchObject({
      directoryServiceName: 'Dawns',
      directoryDescription: null,
      directoryTown: null,
      directoryEmail: 'hello@example.org',
    });
    await expect(service.upsertOwn(practitioner, { directoryEmail: null })).rejects.toMatchObject({
      code: 'DIRECTORY_LISTING_INCOMPLETE',
      details: { missing: ['directoryWebsite|directoryEmail'] },
    });
    expect(profiles.rows.get('pat')?.directoryEmail).toBe('hello@example.org');
  });

  it('keeps omitted fields, replaces sent lists, and clears nullable fields sent as null', async () => {
    const { service, clock } = setup();
    await service.upsertOwn(linkWorker, {
      conditions: ['dementia', 'stroke'],
      regions: ['powys'],
      welshAbility: WelshAbility.FLUENT,
      needs: 'Group sessions in Welsh',
      projectTerm: ProjectTerm.LONG,
      inclusiveSpace: true,
      referralCapacityPerMonth: 12,
    });
    clock.advance(60_000);
    const saved = await service.upsertOwn(linkWorker, { conditions: ['cancer'], projectTerm: null });
    expect(saved).toMatchObject({
      conditions: ['cancer'],
      regions: ['powys'],
      welshAbility: WelshAbility.FLUENT,
      needs: 'Group sessions in Welsh',
      projectTerm: null,
      inclusiveSpace: true,
      referralCapacityPerMonth: 12,
      updatedAt: new Date(T0.getTime() + 60_000),
    });
  });

  it('drops duplicate codes, keeping the order given', async () => {
    const { service } = setup();
    const saved = await service.upsertOwn(practitioner, { artForms: ['dance', 'circus', 'dance'] });
    expect(saved.artForms).toEqual(['dance', 'circus']);
  });

  it('rejects unknown codes with UNKNOWN_TERM listing them, and writes nothing', async () => {
    const { service, profiles, db } = setup();
    const error = await failure(
      service.upsertOwn(practitioner, { conditions: ['dementia', 'made-up', 'also-made-up'] }),
    );
    expect(error.code).toBe(ProfilesErrorCode.UNKNOWN_TERM);
    expect(error.details).toEqual({ vocabulary: Vocabulary.CONDITION, codes: ['made-up', 'also-made-up'] });
    expect(profiles.saves).toBe(0);
    expect(db.writes).toBe(0);
  });

  it('checks each list against its own vocabulary (a region is not a condition)', async () => {
    const { service } = setup();
    const error = await failure(service.upsertOwn(practitioner, { regions: ['hywel-dda', 'dementia'] }));
    expect(error.details).toEqual({ vocabulary: Vocabulary.REGION, codes: ['dementia'] });
  });

  it('rejects referral capacity from anyone but a link worker with FIELD_NOT_FOR_ROLE', async () => {
    const { service, profiles } = setup();
    for (const who of [practitioner, actor('com', Role.COMMISSIONER), actor('adm', Role.ADMIN)]) {
      const error = await failure(service.upsertOwn(who, { referralCapacityPerMonth: 5 }));
      expect(error.code).toBe(ProfilesErrorCode.FIELD_NOT_FOR_ROLE);
      expect(error.details).toEqual({ field: 'referralCapacityPerMonth', role: Role.LINK_WORKER });
    }
    expect(profiles.saves).toBe(0);
  });

  it('lets a non-link-worker send a null capacity (clearing) but not 0', async () => {
    const { service } = setup();
    await failure(service.upsertOwn(practitioner, { referralCapacityPerMonth: 0 }));
    const saved = await service.upsertOwn(practitioner, { referralCapacityPerMonth: null, offers: 'x' });
    expect(saved.referralCapacityPerMonth).toBeNull();
  });

  it('accepts capacity from a link worker, also one with other roles', async () => {
    const { service } = setup();
    const saved = await service.upsertOwn(actor('both', Role.PRACTITIONER, Role.LINK_WORKER), {
      referralCapacityPerMonth: 0,
    });
    expect(saved.referralCapacityPerMonth).toBe(0);
  });

  it('clears a stored capacity once the person is no longer a link worker', async () => {
    const { service } = setup();
    await service.upsertOwn(actor('x', Role.LINK_WORKER), { referralCapacityPerMonth: 30 });
    const saved = await service.upsertOwn(actor('x', Role.PRACTITIONER), { offers: 'Now a practitioner' });
    expect(saved.referralCapacityPerMonth).toBeNull();
  });

  it('only ever writes the caller’s own profile', async () => {
    const { service, profiles } = setup();
    await service.upsertOwn(practitioner, { offers: 'mine' });
    await service.upsertOwn(linkWorker, { offers: 'theirs' });
    expect(profiles.rows.get('pat')?.offers).toBe('mine');
    expect(profiles.rows.get('lin')?.offers).toBe('theirs');
  });

  it('ignores keys that are not profile fields', async () => {
    const { service } = setup();
    const saved = await service.upsertOwn(practitioner, { offers: 'x', userId: 'someone-else' } as never);
    expect(saved.userId).toBe('pat');
  });
});

describe('ProfilesService reads', () => {
  it('returns null for a person without a profile, and profiles of several users', async () => {
    const { service } = setup();
    expect(await service.getByUserId('nobody')).toBeNull();
    await service.upsertOwn(practitioner, { offers: 'a' });
    await service.upsertOwn(linkWorker, { offers: 'b' });
    const found = await service.findByUserIds(['lin', 'nobody', 'pat', 'lin']);
    expect(found.map((p) => p.userId).sort()).toEqual(['lin', 'pat']);
  });
});
