import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Language, Role } from '../src/core/auth/role';
import { SeedTaxonomies1763900000100 } from '../src/migrations/1763900000100-seed-taxonomies';
import type { RequestContext } from '../src/core/graphql/request-context';
import { RequestLoaders } from '../src/core/graphql/request-loaders';
import { ProfileLoader } from '../src/modules/profiles/profiles.loaders';
import { ProfilesRepository } from '../src/modules/profiles/profiles.repository';
import { taxonomyRows } from '../src/modules/profiles/taxonomy-data';
import { startTestApp, TestApp } from './support/test-app';

const TAXONOMY = `query Taxonomy($vocabulary: Vocabulary!) {
  taxonomy(vocabulary: $vocabulary) { code vocabulary nameCy nameEn name cy: name(language: cy) en: name(language: en) }
}`;

const PROFILE_FIELDS = `
  conditions { code name } artForms { code } regions { code nameCy nameEn }
  welshAbility offers needs evidenceApproach projectTerm inclusiveSpace referralCapacityPerMonth updatedAt`;

const MY_PROFILE = `{ myProfile { ${PROFILE_FIELDS} } }`;

const UPDATE = `mutation Update($input: ProfileInput!) { updateMyProfile(input: $input) { ${PROFILE_FIELDS} } }`;

describe('profiles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('taxonomy (Rule: @Public)', () => {
    it('gives anyone the seeded, bilingual vocabularies in display order', async () => {
      const anonymous = t.client();
      const { taxonomy: conditions } = await anonymous.data(TAXONOMY, { vocabulary: 'CONDITION' });
      const { taxonomy: artForms } = await anonymous.data(TAXONOMY, { vocabulary: 'ART_FORM' });
      const { taxonomy: regions } = await anonymous.data(TAXONOMY, { vocabulary: 'REGION' });

      expect(conditions.length).toBeGreaterThanOrEqual(12);
      expect(artForms.length).toBeGreaterThanOrEqual(12);
      expect(regions.map((r: { code: string }) => r.code)).toEqual([
        'betsi-cadwaladr',
        'powys',
        'hywel-dda',
        'swansea-bay',
        'cwm-taf-morgannwg',
        'cardiff-and-vale',
        'aneurin-bevan',
      ]);
      expect(regions[0]).toMatchObject({
        vocabulary: 'REGION',
        nameCy: 'Bwrdd Iechyd Prifysgol Betsi Cadwaladr',
        nameEn: 'Betsi Cadwaladr University Health Board',
      });
      for (const term of [...conditions, ...artForms, ...regions]) {
        expect(term.nameCy).toBeTruthy();
        expect(term.nameEn).toBeTruthy();
        expect(term.cy).toBe(term.nameCy);
        expect(term.en).toBe(term.nameEn);
        expect(term.name).toBe(term.nameEn); // signed out: English by default
      }
      expect(conditions.map((c: { code: string }) => c.code)).toEqual(
        expect.arrayContaining(['parkinsons', 'dementia', 'long-covid']),
      );
    });

    it("names terms in the caller's preferred language by default", async () => {
      const { client } = await t.createUser({ roles: [Role.PRACTITIONER], language: Language.cy });
      const { taxonomy } = await client.data(TAXONOMY, { vocabulary: 'REGION' });
      const powys = taxonomy.find((r: { code: string }) => r.code === 'powys');
      expect(powys.name).toBe('Bwrdd Iechyd Addysgu Powys');
      expect(powys.en).toBe('Powys Teaching Health Board');
    });
  });

  describe('myProfile and updateMyProfile (Rule: signed in, own profile)', () => {
    it('refuses anonymous callers with UNAUTHENTICATED', async () => {
      const anonymous = t.client();
      expect(await anonymous.errorCode(MY_PROFILE)).toBe('UNAUTHENTICATED');
      expect(await anonymous.errorCode(UPDATE, { input: { offers: 'x' } })).toBe('UNAUTHENTICATED');
    });

    it('is null before the first save, then round-trips, keeping omitted fields', async () => {
      const { client } = await t.createUser({ roles: [Role.LINK_WORKER] });
      expect((await client.data(MY_PROFILE)).myProfile).toBeNull();

      const input = {
        conditions: ['dementia', 'loneliness-isolation'],
        artForms: ['singing-music', 'crafts'],
        regions: ['swansea-bay'],
        welshAbility: 'CONVERSATIONAL',
        offers: 'Social prescribing referrals into community arts',
        needs: 'Welsh-medium singing groups in Neath Port Talbot',
        evidenceApproach: 'WEMWBS before and after',
        projectTerm: 'LONG',
        inclusiveSpace: true,
        referralCapacityPerMonth: 25,
      };
      const { updateMyProfile: saved } = await client.data(UPDATE, { input });
      expect(saved).toMatchObject({
        conditions: [
          { code: 'dementia', name: 'Dementia' },
          { code: 'loneliness-isolation', name: 'Loneliness and social isolation' },
        ],
        artForms: [{ code: 'singing-music' }, { code: 'crafts' }],
        regions: [
          {
            code: 'swansea-bay',
            nameCy: 'Bwrdd Iechyd Prifysgol Bae Abertawe',
            nameEn: 'Swansea Bay University Health Board',
          },
        ],
        welshAbility: 'CONVERSATIONAL',
        offers: input.offers,
        needs: input.needs,
        evidenceApproach: input.evidenceApproach,
        projectTerm: 'LONG',
        inclusiveSpace: true,
        referralCapacityPerMonth: 25,
      });
      expect(new Date(saved.updatedAt).toISOString()).toBe(t.clock.now().toISOString());
      expect((await client.data(MY_PROFILE)).myProfile).toEqual(saved);

      t.clock.advance(3600_000);
      const { updateMyProfile: changed } = await client.data(UPDATE, {
        input: { regions: ['powys', 'hywel-dda'], projectTerm: null },
      });
      expect(changed).toMatchObject({
        conditions: saved.conditions,
        regions: [{ code: 'powys' }, { code: 'hywel-dda' }],
        offers: input.offers,
        projectTerm: null,
        referralCapacityPerMonth: 25,
      });
      expect(new Date(changed.updatedAt).toISOString()).toBe(t.clock.now().toISOString());
    });

    it('rejects unknown codes with UNKNOWN_TERM naming them, and writes nothing', async () => {
      const { client } = await t.createUser({ roles: [Role.PRACTITIONER] });
      const before = await t.countRows('profiles');
      const res = await client.request(UPDATE, { input: { conditions: ['stroke', 'not-a-condition'], offers: 'x' } });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'UNKNOWN_TERM',
        vocabulary: 'CONDITION',
        codes: ['not-a-condition'],
      });
      expect(await t.countRows('profiles')).toBe(before);
      expect((await client.data(MY_PROFILE)).myProfile).toBeNull();
    });

    it('rejects referral capacity from a practitioner with FIELD_NOT_FOR_ROLE', async () => {
      const { client } = await t.createUser({ roles: [Role.PRACTITIONER] });
      const before = await t.countRows('profiles');
      expect(await client.errorCode(UPDATE, { input: { referralCapacityPerMonth: 10 } })).toBe('FIELD_NOT_FOR_ROLE');
      expect(await t.countRows('profiles')).toBe(before);
      const { updateMyProfile } = await client.data(UPDATE, {
        input: { offers: 'Circus skills', referralCapacityPerMonth: null },
      });
      expect(updateMyProfile.referralCapacityPerMonth).toBeNull();
    });

    it('bounds the input (BAD_USER_INPUT)', async () => {
      const { client } = await t.createUser({ roles: [Role.LINK_WORKER] });
      const tooMany = Array.from({ length: 21 }, (_, i) => `code-${i}`);
      const bad = [
        { conditions: tooMany },
        { artForms: ['x'.repeat(61)] },
        { offers: 'x'.repeat(1001) },
        { evidenceApproach: 'x'.repeat(1001) },
        { referralCapacityPerMonth: 501 },
        { referralCapacityPerMonth: -1 },
        { offers: null },
        { conditions: null },
      ];
      for (const input of bad)
        expect(await client.errorCode(UPDATE, { input }), JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      const { updateMyProfile } = await client.data(UPDATE, {
        input: { offers: 'x'.repeat(1000), referralCapacityPerMonth: 500 },
      });
      expect(updateMyProfile.referralCapacityPerMonth).toBe(500);
    });
  });

  describe('Person.profile', () => {
    it('shows other people’s profiles, and null for someone without one', async () => {
      const a = await t.createUser({ roles: [Role.PRACTITIONER] });
      const b = await t.createUser({ roles: [Role.COMMISSIONER] });
      const c = await t.createUser({ roles: [Role.PRACTITIONER] }); // no profile
      await a.client.data(UPDATE, { input: { artForms: ['dance'], conditions: ['parkinsons'] } });
      await b.client.data(UPDATE, {
        input: { regions: ['cardiff-and-vale'], needs: 'Dance for Parkinson’s in Cardiff' },
      });

      const viewer = await t.createUser({ roles: [Role.LINK_WORKER] });
      const data = await viewer.client.data(
        `query People($a: ID!, $b: ID!, $c: ID!) {
          a: person(id: $a) { id profile { artForms { code } conditions { code } } }
          b: person(id: $b) { id profile { regions { code } needs } }
          c: person(id: $c) { id profile { offers } }
          me { id profile { offers } }
        }`,
        { a: a.user.id, b: b.user.id, c: c.user.id },
      );
      expect(data.a.profile).toEqual({ artForms: [{ code: 'dance' }], conditions: [{ code: 'parkinsons' }] });
      expect(data.b.profile).toEqual({
        regions: [{ code: 'cardiff-and-vale' }],
        needs: 'Dance for Parkinson’s in Cardiff',
      });
      expect(data.c.profile).toBeNull();
      expect(data.me.profile).toBeNull();
    });

    it('hides the referral listing of an unlisted profile from others, the owner still sees it', async () => {
      const DIRECTORY =
        'directoryListed directoryServiceName directoryDescription directoryDelivery directoryTown directoryWebsite directoryEmail';
      const listing = {
        directoryServiceName: 'Dawns',
        directoryDescription: 'Seated dance',
        directoryDelivery: 'ONLINE',
        directoryTown: 'Bala',
        directoryWebsite: 'https://dawns.example.org',
        directoryEmail: 'studio@dawns.example.org',
      };
      const owner = await t.createUser({ roles: [Role.PRACTITIONER] });
      await owner.client.data(UPDATE, { input: { ...listing, directoryListed: true } });
      await owner.client.data(UPDATE, { input: { directoryListed: false } });
      const viewer = await t.createUser({ roles: [Role.ORGANISER] });
      const seen = async (client: typeof viewer.client) =>
        (
          await client.data(`query ($id: ID!) { person(id: $id) { profile { offers ${DIRECTORY} } } }`, {
            id: owner.user.id,
          })
        ).person.profile;

      const hidden = Object.fromEntries(Object.keys(listing).map((key) => [key, null]));
      expect(await seen(viewer.client)).toEqual({ offers: '', directoryListed: false, ...hidden });
      expect(await seen(owner.client)).toEqual({ offers: '', directoryListed: false, ...listing });
      expect((await owner.client.data(`{ myProfile { ${DIRECTORY} } }`)).myProfile).toEqual({
        directoryListed: false,
        ...listing,
      });

      await owner.client.data(UPDATE, { input: { directoryListed: true } });
      expect(await seen(viewer.client)).toEqual({ offers: '', directoryListed: true, ...listing });
    });

    it('batches the profiles a request asks for into one query (ProfileLoader)', async () => {
      const users = await Promise.all([1, 2, 3].map(() => t.createUser({ roles: [Role.PRACTITIONER] })));
      for (const [i, u] of users.slice(0, 2).entries())
        await u.client.data(UPDATE, { input: { offers: `offer ${i}` } });

      const repository = t.app.get(ProfilesRepository);
      const spy = vi.spyOn(repository, 'findByUserIds');
      try {
        const ctx = { loaders: new RequestLoaders() } as RequestContext;
        const loader = t.app.get(ProfileLoader);
        const profiles = await Promise.all([...users, users[0]].map((u) => loader.load(ctx, u.user.id)));
        expect(profiles.map((p) => p?.offers ?? null)).toEqual(['offer 0', 'offer 1', null, 'offer 0']);
        expect(spy).toHaveBeenCalledTimes(1);
        expect([...spy.mock.calls[0][0]].sort()).toEqual(users.map((u) => u.user.id).sort());
        await loader.load(ctx, users[1].user.id); // cached for the rest of the request
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('seed migration', () => {
    it('is safe to run again, and down() removes exactly the seeded terms', async () => {
      const seeded = taxonomyRows().length;
      expect(await t.countRows('taxonomy_terms')).toBe(seeded);
      const migration = new SeedTaxonomies1763900000100();
      const runner = t.db.dataSource.createQueryRunner();
      try {
        await migration.up(runner);
        expect(await t.countRows('taxonomy_terms')).toBe(seeded);
        await migration.down(runner);
        expect(await t.countRows('taxonomy_terms')).toBe(0);
        await migration.up(runner);
        expect(await t.countRows('taxonomy_terms')).toBe(seeded);
      } finally {
        await runner.release();
      }
    });
  });
});
