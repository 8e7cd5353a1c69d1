import { Language } from '../../core/auth/role';
import { OrganisationKind } from '../accounts/accounts.enums';
import { DirectoryDelivery, ProjectTerm, WelshAbility } from '../profiles/profiles.enums';
import { nameBasedUuid } from '../profiles/taxonomy-data';
import { DirectoryTaxonomy, DirectoryTerm, DirectoryVocabularies, ServiceFeature } from './directory-vocabularies';
import type { ListingRow } from './directory.repository';

/**
 * Our data as Open Referral UK 3.0 objects (field names as in vendor/oruk/schema/compiled).
 * Optional fields are left out rather than sent as null: the schemas type them as strings.
 */
type Json = Record<string, unknown>;

const KIND_NAMES: Record<OrganisationKind, { cy: string; en: string }> = {
  [OrganisationKind.ARTS_ORGANISATION]: { cy: 'Sefydliad celfyddydol', en: 'Arts organisation' },
  [OrganisationKind.COMMUNITY_ARTS_GROUP]: { cy: 'Grŵp celfyddydau cymunedol', en: 'Community arts group' },
  [OrganisationKind.HEALTH_BOARD]: { cy: 'Bwrdd iechyd', en: 'Health board' },
  [OrganisationKind.LOCAL_AUTHORITY]: { cy: 'Awdurdod lleol', en: 'Local authority' },
  [OrganisationKind.GP_CLUSTER]: { cy: 'Clwstwr meddygon teulu', en: 'GP cluster' },
  [OrganisationKind.THIRD_SECTOR]: { cy: 'Trydydd sector', en: 'Third sector' },
  [OrganisationKind.FUNDER]: { cy: 'Cyllidwr', en: 'Funder' },
};

const INDEPENDENT = {
  cy: 'Ymarferydd celfyddydau ac iechyd annibynnol',
  en: 'Independent arts-and-health practitioner',
};
const ONLINE = { cy: 'Ar-lein', en: 'Online' };
const IN_PERSON = { cy: 'Wyneb yn wyneb', en: 'In person' };
const LANGUAGES = { cy: { cy: 'Cymraeg', en: 'Welsh' }, en: { cy: 'Saesneg', en: 'English' } };

/** Cyswllt's id for an independent practitioner as a provider (never their user id). */
export function independentOrganizationId(userId: string): string {
  return nameBasedUuid(`cyswllt:oruk:independent:${userId}`);
}

export function organizationIdOf(row: ListingRow): string {
  return row.organisationId ?? independentOrganizationId(row.userId);
}

/** The service features a listing has (each a term of the FEATURE taxonomy). */
export function featuresOf(row: Pick<ListingRow, 'inclusiveSpace' | 'projectTerm' | 'welshAbility'>): ServiceFeature[] {
  const features: ServiceFeature[] = [];
  if (row.inclusiveSpace) features.push(ServiceFeature.INCLUSIVE_SPACE);
  if (row.projectTerm === ProjectTerm.SHORT || row.projectTerm === ProjectTerm.EITHER)
    features.push(ServiceFeature.SHORT_TERM);
  if (row.projectTerm === ProjectTerm.LONG || row.projectTerm === ProjectTerm.EITHER)
    features.push(ServiceFeature.LONG_TERM);
  if (deliversInWelsh(row.welshAbility)) features.push(ServiceFeature.WELSH_LANGUAGE);
  return features;
}

/** Conversational or fluent Welsh speakers can deliver in Welsh; learners are not promised. */
export function deliversInWelsh(ability: WelshAbility): boolean {
  return ability === WelshAbility.FLUENT || ability === WelshAbility.CONVERSATIONAL;
}

export class OrukMapper {
  constructor(
    private readonly language: Language,
    private readonly terms: ReadonlyMap<string, DirectoryTerm>,
    private readonly regionNames: ReadonlyMap<string, { nameCy: string; nameEn: string }>,
    private readonly taxonomies: readonly DirectoryTaxonomy[],
  ) {}

  /** One row of `/services`: the one-to-one fields and the organisation. */
  serviceSummary(row: ListingRow): Json {
    return compact({
      id: row.userId,
      organization_id: organizationIdOf(row),
      name: row.serviceName,
      description: row.description ?? undefined,
      url: row.website ?? undefined,
      email: row.email ?? undefined,
      status: 'active',
      last_modified: row.updatedAt.toISOString(),
      organization: this.organization(row),
    });
  }

  /** `/services/{id}`: the service with its areas, locations, languages and attributes. */
  service(row: ListingRow): Json {
    const serviceId = row.userId;
    const id = (part: string) => nameBasedUuid(`cyswllt:oruk:${serviceId}:${part}`);
    return {
      ...this.serviceSummary(row),
      service_areas: row.regions.flatMap((code) => {
        const region = this.regionNames.get(code);
        if (!region) return [];
        const name = this.name(region);
        return [
          { id: id(`area:${code}`), service_id: serviceId, name, service_area: name, extent_type: 'health_board' },
        ];
      }),
      service_at_locations: this.locations(row).map((location, index) => ({
        id: id(`at-location:${index}`),
        service_id: serviceId,
        location_id: location.id,
        location,
      })),
      languages: [
        ...(deliversInWelsh(row.welshAbility)
          ? [{ id: id('language:cy'), service_id: serviceId, name: this.name(LANGUAGES.cy), code: 'cy' }]
          : []),
        { id: id('language:en'), service_id: serviceId, name: this.name(LANGUAGES.en), code: 'en' },
      ],
      attributes: this.attributes(row).map((term) => ({
        id: id(`attribute:${term.id}`),
        link_id: serviceId,
        link_type: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: this.term(term),
      })),
      schedules: [],
      funding: [],
      cost_options: [],
      contacts: [],
    };
  }

  organization(row: ListingRow): Json {
    if (row.organisationId) {
      const kind = row.organisationKind ? this.name(KIND_NAMES[row.organisationKind]) : undefined;
      return compact({ id: row.organisationId, name: row.organisationName ?? '', description: kind ?? '' });
    }
    return compact({
      id: independentOrganizationId(row.userId),
      name: row.displayName,
      description: this.name(INDEPENDENT),
      website: row.website ?? undefined,
      email: row.email ?? undefined,
    });
  }

  taxonomy(taxonomy: DirectoryTaxonomy): Json {
    return { id: taxonomy.id, name: this.name(taxonomy), description: taxonomy.description, version: '1' };
  }

  term(term: DirectoryTerm): Json {
    const taxonomy = this.taxonomies.find((t) => t.key === term.taxonomy);
    return compact({
      id: term.id,
      name: this.name(term),
      description: `${term.nameCy} / ${term.nameEn}`,
      taxonomy: taxonomy ? taxonomy.nameEn : undefined,
      taxonomy_id: taxonomy?.id,
      term: term.code,
    });
  }

  private attributes(row: ListingRow): DirectoryTerm[] {
    const codes = [
      ...row.conditions.map((code) => `CONDITION:${code}`),
      ...row.artForms.map((code) => `ART_FORM:${code}`),
      ...featuresOf(row).map((feature) => `FEATURE:${feature}`),
    ];
    return codes.flatMap((key) => this.terms.get(key) ?? []);
  }

  private locations(row: ListingRow): Json[] {
    const online = row.delivery === DirectoryDelivery.ONLINE || row.delivery === DirectoryDelivery.BOTH;
    const inPerson = row.delivery === DirectoryDelivery.IN_PERSON || row.delivery === DirectoryDelivery.BOTH;
    const id = (part: string) => nameBasedUuid(`cyswllt:oruk:${row.userId}:location:${part}`);
    return [
      ...(online ? [{ id: id('online'), location_type: 'virtual', name: this.name(ONLINE) }] : []),
      ...(inPerson
        ? [
            compact({
              id: id('in-person'),
              location_type: 'physical',
              name: row.town ?? this.name(IN_PERSON),
              description: row.town ? this.name(IN_PERSON) : undefined,
            }),
          ]
        : []),
    ];
  }

  private name(named: { cy: string; en: string } | { nameCy: string; nameEn: string }): string {
    return 'cy' in named
      ? this.language === Language.cy
        ? named.cy
        : named.en
      : DirectoryVocabularies.nameIn(named, this.language);
  }
}

/** Key for the terms map: `${taxonomy}:${code}`. */
export function termKey(term: Pick<DirectoryTerm, 'taxonomy' | 'code'>): string {
  return `${term.taxonomy}:${term.code}`;
}

function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
