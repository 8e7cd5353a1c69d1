import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/core/auth/role';
import { Vocabulary } from '../src/modules/profiles/profiles.enums';
import { taxonomyTermId } from '../src/modules/profiles/taxonomy-data';
import { GqlClient } from './support/gql-client';
import { ORUK_DIR, OrukValidator } from './support/oruk-validator';
import { startTestApp, TestApp, TestUser } from './support/test-app';

const UPDATE = `mutation ($input: ProfileInput!) { updateMyProfile(input: $input) { directoryListed directoryServiceName updatedAt } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const UPDATE_ME = `mutation ($input: UpdateMeInput!) { updateMe(input: $input) { id } }`;

/** Which openapi.json path (or compiled schema) each feed path is checked against. */
type Template =
  | '/'
  | '/services'
  | '/services/{id}'
  | '/taxonomies'
  | '/taxonomies/{id}'
  | '/taxonomy_terms'
  | '/taxonomy_terms/{id}';

interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: any[];
}

describe('referral directory (Open Referral UK 3.0, public)', () => {
  let t: TestApp;
  const oruk = new OrukValidator();
  let dancer: TestUser; // in an organisation, online, Welsh, inclusive space, long-term
  let singer: TestUser; // independent, online and in person in Aberystwyth, short-term
  let unlisted: TestUser;
  const listedNames: string[] = [];
  let organisationId: string;

  /** GET a feed path; every 200 is validated against the ORUK profile before the test sees it. */
  async function feed(
    path: string,
    template?: Template | 'organizations' | 'organization',
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(`${t.url}/openreferral${path}`);
    const body = await res.json();
    if (res.status === 200 && template) {
      const check =
        template === 'organizations'
          ? oruk.checkPage('organization_list.json', body)
          : template === 'organization'
            ? oruk.checkRef('organization.json', body)
            : oruk.checkPath(template, body);
      expect(check.errors, `${path} against the ORUK profile`).toEqual([]);
    }
    return { status: res.status, body };
  }

  async function services(query = ''): Promise<Page> {
    const { status, body } = await feed(`/services${query}`, '/services');
    expect(status).toBe(200);
    return body as Page;
  }

  async function list(client: GqlClient, input: Record<string, unknown>): Promise<void> {
    await client.data(UPDATE, { input: { directoryListed: true, ...input } });
  }

  beforeAll(async () => {
    t = await startTestApp();
    const organiser = await t.createUser({ roles: [Role.ORGANISER] });
    ({
      createOrganisation: { id: organisationId },
    } = await organiser.client.data(CREATE_ORGANISATION, {
      input: { name: 'Theatr Fach Dawns', kind: 'ARTS_ORGANISATION' },
    }));

    dancer = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Elin Dawnswraig', organisationId });
    await list(dancer.client, {
      directoryServiceName: "Dawns i Parkinson's / Dance for Parkinson's",
      directoryDescription: 'Weekly seated dance classes, online.',
      directoryDelivery: 'ONLINE',
      directoryWebsite: 'https://theatrfach.example/dawns',
      conditions: ['parkinsons'],
      artForms: ['dance'],
      regions: ['hywel-dda'],
      welshAbility: 'FLUENT',
      projectTerm: 'LONG',
      inclusiveSpace: true,
    });
    singer = await t.createUser({ roles: [Role.PRACTITIONER], displayName: 'Huw Canwr' });
    await list(singer.client, {
      directoryServiceName: 'Singing for lung health',
      directoryDelivery: 'BOTH',
      directoryTown: 'Aberystwyth',
      directoryEmail: 'canu@example.org',
      conditions: ['lung-health-copd', 'dementia'],
      artForms: ['singing-music'],
      regions: ['hywel-dda', 'powys'],
      welshAbility: 'LEARNER',
      projectTerm: 'SHORT',
    });
    for (const name of ['Arlunio ar y cyd', 'Barddoniaeth a lles', 'Clai a chof']) {
      const { client } = await t.createUser({ roles: [Role.PRACTITIONER] });
      await list(client, {
        directoryServiceName: name,
        directoryDelivery: 'IN_PERSON',
        directoryEmail: 'hello@example.org',
        artForms: ['visual-art'],
      });
    }
    listedNames.push(
      "Dawns i Parkinson's / Dance for Parkinson's",
      'Singing for lung health',
      'Arlunio ar y cyd',
      'Barddoniaeth a lles',
      'Clai a chof',
    );
    unlisted = await t.createUser({ roles: [Role.PRACTITIONER] });
    await unlisted.client.data(UPDATE, {
      input: { directoryServiceName: 'Not ready yet', directoryDelivery: 'ONLINE', directoryEmail: 'x@example.org' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("checks against the profile's own files: its examples pass, a service without a name fails", () => {
    const example = (name: string) => JSON.parse(readFileSync(join(ORUK_DIR, 'examples', name), 'utf8'));
    expect(oruk.checkPath('/services/{id}', example('service_full.json')).errors).toEqual([]);
    expect(oruk.checkPath('/services', example('service_list.json')).errors).toEqual([]);
    expect(oruk.checkPath('/taxonomy_terms', example('taxonomy_term_list.json')).errors).toEqual([]);
    const { name: _name, ...nameless } = example('service_full.json');
    expect(oruk.checkPath('/services/{id}', nameless).valid).toBe(false);
    expect(oruk.checkPath('/services', { ...example('service_list.json'), total_items: 'ten' }).valid).toBe(false);
  });

  it('answers / with its HSDS version and profile', async () => {
    const { status, body } = await feed('/', '/');
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: '3.0' });
  });

  it('lists exactly the opted-in practitioners, by name, without signing in', async () => {
    const page = await services();
    expect(page.contents.map((s) => s.name)).toEqual(
      [...listedNames].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect(page).toMatchObject({
      total_items: 5,
      total_pages: 1,
      page_number: 1,
      size: 5,
      first_page: true,
      last_page: true,
      empty: false,
    });
    expect(page.contents.map((s) => s.name)).not.toContain('Not ready yet');
    const dance = page.contents.find((s) => s.id === dancer.user.id);
    expect(dance).toMatchObject({
      status: 'active',
      url: 'https://theatrfach.example/dawns',
      organization: { id: organisationId, name: 'Theatr Fach Dawns', description: 'Arts organisation' },
    });
  });

  it('pages with page/per_page: first, middle, last and past the end', async () => {
    const pages = [
      await services('?per_page=2'),
      await services('?per_page=2&page=2'),
      await services('?per_page=2&page=3'),
    ];
    expect(pages.map((p) => [p.page_number, p.size, p.first_page, p.last_page, p.total_pages, p.total_items])).toEqual([
      [1, 2, true, false, 3, 5],
      [2, 2, false, false, 3, 5],
      [3, 1, false, true, 3, 5],
    ]);
    const ids = pages.flatMap((p) => p.contents.map((s) => s.id));
    expect(new Set(ids).size).toBe(5);
    expect(await services('?per_page=2&page=4')).toMatchObject({
      page_number: 4,
      size: 0,
      empty: true,
      last_page: true,
      contents: [],
      total_items: 5,
    });
    expect(await services('?per_page=100')).toMatchObject({ size: 5, total_pages: 1 });
    expect(await services('?per_page=1&page=5')).toMatchObject({ size: 1, last_page: true, first_page: false });
  });

  it('refuses page sizes and pages out of range with 400 and a clear body', async () => {
    for (const perPage of ['0', '101', '-1', 'ten', '1.5', '']) {
      const { status, body } = await feed(`/services?per_page=${perPage}`);
      expect(status, `per_page=${perPage}`).toBe(400);
      expect(body).toEqual({
        error: 'INVALID_PAGE_SIZE',
        message: 'per_page must be a whole number from 1 to 100.',
        parameter: 'per_page',
        minimum: 1,
        maximum: 100,
      });
    }
    for (const page of ['0', '-2', 'x']) {
      const { status, body } = await feed(`/services?page=${page}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'INVALID_PAGE', parameter: 'page' });
    }
    for (const path of ['/organizations?per_page=500', '/taxonomies?per_page=0', '/taxonomy_terms?per_page=1000']) {
      expect((await feed(path)).body.error, path).toBe('INVALID_PAGE_SIZE');
    }
  });

  it('gives a full service: organisation, online/in-person locations, areas, languages and taxonomy attributes', async () => {
    const { body: dance } = await feed(`/services/${dancer.user.id}`, '/services/{id}');
    const termIds = dance.attributes.map((a: any) => a.taxonomy_term_id);
    expect(termIds).toEqual(
      expect.arrayContaining([
        taxonomyTermId(Vocabulary.CONDITION, 'parkinsons'),
        taxonomyTermId(Vocabulary.ART_FORM, 'dance'),
      ]),
    );
    expect(dance.attributes.map((a: any) => a.taxonomy_term.term).sort()).toEqual([
      'dance',
      'inclusive-community-space',
      'long-term-projects',
      'parkinsons',
      'welsh-language-delivery',
    ]);
    expect(dance.service_at_locations.map((l: any) => l.location.location_type)).toEqual(['virtual']);
    expect(dance.service_areas.map((a: any) => a.name)).toEqual(['Hywel Dda University Health Board']);
    expect(dance.languages.map((l: any) => l.code)).toEqual(['cy', 'en']);

    const { body: singing } = await feed(`/services/${singer.user.id}`, '/services/{id}');
    expect(singing.service_at_locations.map((l: any) => [l.location.location_type, l.location.name])).toEqual([
      ['virtual', 'Online'],
      ['physical', 'Aberystwyth'],
    ]);
    expect(singing.languages.map((l: any) => l.code)).toEqual(['en']);
    expect(singing.attributes.map((a: any) => a.taxonomy_term.term).sort()).toEqual([
      'dementia',
      'lung-health-copd',
      'short-term-projects',
      'singing-music',
    ]);
    expect(singing.organization).toMatchObject({
      name: 'Huw Canwr',
      email: 'canu@example.org',
      description: 'Independent arts-and-health practitioner',
    });
    expect(singing.organization.id).not.toBe(singer.user.id);
    expect(JSON.stringify(singing)).not.toContain(singer.user.email);

    const { body: welsh } = await feed(`/services/${dancer.user.id}?lang=cy`, '/services/{id}');
    expect(welsh.service_areas[0].name).toBe('Bwrdd Iechyd Prifysgol Hywel Dda');
    expect(welsh.attributes.find((a: any) => a.taxonomy_term.term === 'dance').taxonomy_term.name).toBe('Dawns');
    expect(welsh.service_at_locations[0].location.name).toBe('Ar-lein');
  });

  it('answers 404 for services that are not listed or do not exist', async () => {
    for (const id of [unlisted.user.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const { status, body } = await feed(`/services/${id}`);
      expect(status).toBe(404);
      expect(body.error).toBe('NOT_FOUND');
    }
  });

  it('filters by search text, taxonomy term, taxonomy and modified_after', async () => {
    const names = async (query: string) => (await services(query)).contents.map((s) => s.name);
    expect(await names('?search=PARKINSON')).toEqual(["Dawns i Parkinson's / Dance for Parkinson's"]);
    expect(await names('?search=huw')).toEqual(['Singing for lung health']); // the provider's name
    expect(await names('?search=100%25')).toEqual([]);
    expect(await names(`?taxonomy_term_id=${taxonomyTermId(Vocabulary.CONDITION, 'dementia')}`)).toEqual([
      'Singing for lung health',
    ]);
    expect(await names(`?taxonomy_term_id=${taxonomyTermId(Vocabulary.ART_FORM, 'visual-art')}`)).toEqual([
      'Arlunio ar y cyd',
      'Barddoniaeth a lles',
      'Clai a chof',
    ]);
    const { contents: terms } = (await feed('/taxonomy_terms?per_page=100', '/taxonomy_terms')).body;
    const inclusive = terms.find((term: any) => term.term === 'inclusive-community-space');
    expect(await names(`?taxonomy_term_id=${inclusive.id}`)).toEqual(["Dawns i Parkinson's / Dance for Parkinson's"]);
    const welsh = terms.find((term: any) => term.term === 'welsh-language-delivery');
    expect(await names(`?taxonomy_term_id=${welsh.id}`)).toEqual(["Dawns i Parkinson's / Dance for Parkinson's"]);
    const conditions = (await feed('/taxonomies', '/taxonomies')).body.contents.find(
      (x: any) => x.name === 'Conditions (Cyswllt)',
    );
    expect(await names(`?taxonomy_id=${conditions.id}`)).toEqual([
      "Dawns i Parkinson's / Dance for Parkinson's",
      'Singing for lung health',
    ]);
    expect(await services('?taxonomy_term_id=00000000-0000-4000-8000-000000000000')).toMatchObject({
      total_items: 0,
      empty: true,
      contents: [],
    });

    const before = new Date(t.clock.now().getTime() + 60_000);
    t.clock.set(new Date(before.getTime() + 60_000));
    await singer.client.data(UPDATE, { input: { directoryDescription: 'Now on Tuesdays too.' } });
    expect(await names(`?modified_after=${before.toISOString()}`)).toEqual(['Singing for lung health']);
    expect(await names(`?modified_after=${before.toISOString()}&search=arlunio`)).toEqual([]);
    const { status, body } = await feed('/services?modified_after=yesterday');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'INVALID_PARAMETER', parameter: 'modified_after' });
  });

  it('lists the providers as organizations, each with its services', async () => {
    const { body: page } = await feed('/organizations?per_page=10', 'organizations');
    expect(page.total_items).toBe(5); // one organisation and four independents
    const theatr = page.contents.find((o: any) => o.id === organisationId);
    expect(theatr).toMatchObject({ name: 'Theatr Fach Dawns', description: 'Arts organisation' });
    const { body: full } = await feed(`/organizations/${organisationId}`, 'organization');
    expect(full.services.map((s: any) => s.id)).toEqual([dancer.user.id]);
    const independent = page.contents.find((o: any) => o.name === 'Huw Canwr');
    const { body: own } = await feed(`/organizations/${independent.id}`, 'organization');
    expect(own.services.map((s: any) => s.name)).toEqual(['Singing for lung health']);
    expect((await feed(`/organizations/${unlisted.user.id}`)).status).toBe(404);
    const firstTwo = (await feed('/organizations?per_page=2', 'organizations')).body;
    expect(firstTwo).toMatchObject({ size: 2, total_pages: 3, first_page: true, last_page: false });
  });

  it('publishes its taxonomies and terms (conditions, art forms, service features), bilingual', async () => {
    const { body: taxonomies } = await feed('/taxonomies', '/taxonomies');
    expect(taxonomies.contents.map((x: any) => x.name)).toEqual([
      'Conditions (Cyswllt)',
      'Art forms (Cyswllt)',
      'Service features (Cyswllt)',
    ]);
    const artForms = taxonomies.contents[1];
    const { body: full } = await feed(`/taxonomies/${artForms.id}?lang=cy`, '/taxonomies/{id}');
    expect(full.name).toBe('Ffurfiau celf (Cyswllt)');
    expect(full.taxonomy_terms.map((term: any) => term.name)).toContain('Dawns');
    const { body: terms } = await feed(
      `/taxonomy_terms?taxonomy_id=${artForms.id}&per_page=3&page=2`,
      '/taxonomy_terms',
    );
    expect(terms).toMatchObject({ page_number: 2, size: 3 });
    expect(terms.contents.every((term: any) => term.taxonomy_id === artForms.id)).toBe(true);
    const dance = taxonomyTermId(Vocabulary.ART_FORM, 'dance');
    const { body: term } = await feed(`/taxonomy_terms/${dance}`, '/taxonomy_terms/{id}');
    expect(term).toMatchObject({ id: dance, name: 'Dance', term: 'dance', description: 'Dawns / Dance' });
    expect((await feed('/taxonomy_terms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('hides a practitioner who opts out, and shows them again when they opt back in', async () => {
    await dancer.client.data(UPDATE, { input: { directoryListed: false } });
    expect((await services()).contents.map((s) => s.id)).not.toContain(dancer.user.id);
    expect((await feed(`/services/${dancer.user.id}`)).status).toBe(404);
    expect((await feed(`/organizations/${organisationId}`)).status).toBe(404);
    await dancer.client.data(UPDATE, { input: { directoryListed: true } });
    expect((await services()).contents.map((s) => s.id)).toContain(dancer.user.id);
  });

  it('lets only practitioners list, and only with a name, a way of delivery and a public contact', async () => {
    const commissioner = await t.createUser({ roles: [Role.COMMISSIONER] });
    expect(
      await commissioner.client.errorCode(UPDATE, {
        input: {
          directoryListed: true,
          directoryServiceName: 'x',
          directoryDelivery: 'ONLINE',
          directoryEmail: 'a@example.org',
        },
      }),
    ).toBe('FIELD_NOT_FOR_ROLE');
    const res = await unlisted.client.request(UPDATE, {
      input: { directoryListed: true, directoryEmail: null, directoryWebsite: null },
    });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'DIRECTORY_LISTING_INCOMPLETE',
      missing: ['directoryWebsite|directoryEmail'],
    });
    expect(await unlisted.client.errorCode(UPDATE, { input: { directoryWebsite: 'javascript:alert(1)' } })).toBe(
      'BAD_USER_INPUT',
    );
    const { myProfile } = await unlisted.client.data(`{ myProfile { directoryListed directoryEmail } }`);
    expect(myProfile).toEqual({ directoryListed: false, directoryEmail: 'x@example.org' });
    expect((await services()).total_items).toBe(5);
  });

  it('shows a renamed organisation and drops a practitioner who changes organisation from the old one', async () => {
    await dancer.client.data(UPDATE_ME, { input: { organisationId: null } });
    expect((await feed(`/organizations/${organisationId}`)).status).toBe(404);
    const { body } = await feed(`/services/${dancer.user.id}`, '/services/{id}');
    expect(body.organization.name).toBe('Elin Dawnswraig');
  });
});
