import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Language } from '../../core/auth/role';
import { ProjectTerm, Vocabulary } from '../profiles/profiles.enums';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { DirectoryTerm, DirectoryVocabularies, ServiceFeature } from './directory-vocabularies';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';
import { DirectoryRepository, ListingFilter, ListingRow } from './directory.repository';
import { independentOrganizationId, OrukMapper, termKey } from './oruk-mapper';
import { offsetOf, OrukPage, orukPage, pageOf, PageRequest } from './oruk-page';

/** The query parameters of `/services` that the feed understands (ORUK names). */
export interface ServiceQuery {
  search?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  modified_after?: string;
}

/** SQL conditions for each feature term; fixed strings, never built from input. */
const FEATURE_CONDITIONS: Record<ServiceFeature, string> = {
  [ServiceFeature.INCLUSIVE_SPACE]: 'p.inclusive_space',
  [ServiceFeature.SHORT_TERM]: `p.project_term IN ('${ProjectTerm.SHORT}', '${ProjectTerm.EITHER}')`,
  [ServiceFeature.LONG_TERM]: `p.project_term IN ('${ProjectTerm.LONG}', '${ProjectTerm.EITHER}')`,
  [ServiceFeature.WELSH_LANGUAGE]: `p.welsh_ability IN ('FLUENT', 'CONVERSATIONAL')`,
};

const LIST_COLUMN = { [Vocabulary.CONDITION]: 'conditions', [Vocabulary.ART_FORM]: 'art_forms' } as const;

/** Enough for every service of one provider on `/organizations/{id}`. */
const MAX_SERVICES_PER_ORGANIZATION = 1000;

const MAX_SEARCH = 200;

/** The public referral directory: listed practitioners' services as Open Referral UK 3.0. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly repository: DirectoryRepository,
    private readonly vocabularies: DirectoryVocabularies,
    private readonly taxonomy: TaxonomyService,
    private readonly config: AppConfig,
  ) {}

  /** `GET /openreferral/`: what this API is (openapi.json `/`). */
  about(): Record<string, string> {
    return {
      version: '3.0',
      profile: 'https://openreferraluk.org',
      openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json',
      name: 'Cyswllt referral directory',
      services_url: `${this.config.publicUrl}/openreferral/services`,
    };
  }

  async services(
    query: ServiceQuery,
    request: PageRequest,
    language: Language,
  ): Promise<OrukPage<Record<string, unknown>>> {
    const filter = await this.filterOf(query);
    const mapper = await this.mapper(language);
    if (filter === null) return orukPage(request, 0, []);
    const { rows, total } = await this.repository.page(filter, request.perPage, offsetOf(request));
    return orukPage(
      request,
      total,
      rows.map((row) => mapper.serviceSummary(row)),
    );
  }

  async service(id: string, language: Language): Promise<Record<string, unknown>> {
    const row = isUuid(id) ? await this.repository.byUserId(id) : null;
    if (!row) throw notFound('Service', id);
    return (await this.mapper(language)).service(row);
  }

  async organizations(request: PageRequest, language: Language): Promise<OrukPage<Record<string, unknown>>> {
    const { representativeUserIds, total } = await this.repository.providers(request.perPage, offsetOf(request));
    const { rows } = await this.repository.page(
      { providerUserIds: representativeUserIds },
      representativeUserIds.length,
      0,
    );
    const byUser = new Map(rows.map((row) => [row.userId, row]));
    const mapper = await this.mapper(language);
    const contents = representativeUserIds.flatMap((userId) => {
      const row = byUser.get(userId);
      return row ? [mapper.organization(row)] : [];
    });
    return orukPage(request, total, contents);
  }

  async organization(id: string, language: Language): Promise<Record<string, unknown>> {
    const services = isUuid(id) ? await this.servicesOfProvider(id) : [];
    if (services.length === 0) throw notFound('Organization', id);
    const mapper = await this.mapper(language);
    return { ...mapper.organization(services[0]), services: services.map((row) => mapper.service(row)) };
  }

  async taxonomies(request: PageRequest, language: Language): Promise<OrukPage<Record<string, unknown>>> {
    const mapper = await this.mapper(language);
    return pageOf(
      request,
      this.vocabularies.taxonomies().map((taxonomy) => mapper.taxonomy(taxonomy)),
    );
  }

  async taxonomyById(id: string, language: Language): Promise<Record<string, unknown>> {
    const taxonomy = this.vocabularies.taxonomyById(id);
    if (!taxonomy) throw notFound('Taxonomy', id);
    const mapper = await this.mapper(language);
    const terms = (await this.vocabularies.terms()).filter((term) => term.taxonomy === taxonomy.key);
    return { ...mapper.taxonomy(taxonomy), taxonomy_terms: terms.map((term) => mapper.term(term)) };
  }

  async taxonomyTerms(
    query: { taxonomy_id?: string },
    request: PageRequest,
    language: Language,
  ): Promise<OrukPage<Record<string, unknown>>> {
    const mapper = await this.mapper(language);
    const taxonomy = query.taxonomy_id === undefined ? undefined : this.vocabularies.taxonomyById(query.taxonomy_id);
    if (query.taxonomy_id !== undefined && !taxonomy) return orukPage(request, 0, []);
    const terms = (await this.vocabularies.terms()).filter((term) => !taxonomy || term.taxonomy === taxonomy.key);
    return pageOf(
      request,
      terms.map((term) => mapper.term(term)),
    );
  }

  async taxonomyTerm(id: string, language: Language): Promise<Record<string, unknown>> {
    const term = await this.vocabularies.termById(id);
    if (!term) throw notFound('Taxonomy term', id);
    return (await this.mapper(language)).term(term);
  }

  /** The filter for a `/services` query, or null when it can match nothing (an unknown term or taxonomy). */
  private async filterOf(query: ServiceQuery): Promise<ListingFilter | null> {
    const filter: ListingFilter = {};
    const search = query.search?.trim();
    if (search) {
      if (search.length > MAX_SEARCH)
        throw invalidParameter('search', `search may be at most ${MAX_SEARCH} characters.`);
      filter.search = search;
    }
    if (query.modified_after !== undefined) {
      const after = new Date(query.modified_after);
      if (
        !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(query.modified_after) ||
        Number.isNaN(after.getTime())
      ) {
        throw invalidParameter(
          'modified_after',
          'modified_after must be an ISO 8601 date-time, e.g. 2027-01-01T00:00:00Z.',
        );
      }
      filter.modifiedAfter = after;
    }
    if (query.taxonomy_term_id !== undefined) {
      const term = await this.vocabularies.termById(query.taxonomy_term_id);
      if (!term) return null;
      if (term.taxonomy === 'FEATURE') filter.featureConditions = [FEATURE_CONDITIONS[term.code as ServiceFeature]];
      else filter.code = { column: LIST_COLUMN[term.taxonomy], code: term.code };
    }
    if (query.taxonomy_id !== undefined) {
      const taxonomy = this.vocabularies.taxonomyById(query.taxonomy_id);
      if (!taxonomy) return null;
      if (taxonomy.key === 'FEATURE')
        filter.featureConditions = [
          ...(filter.featureConditions ?? []),
          Object.values(FEATURE_CONDITIONS).join(' OR '),
        ];
      else filter.anyOf = LIST_COLUMN[taxonomy.key];
    }
    return filter;
  }

  private async servicesOfProvider(id: string): Promise<ListingRow[]> {
    const ofOrganisation = await this.repository.page({ providerOrganisationId: id }, MAX_SERVICES_PER_ORGANIZATION, 0);
    if (ofOrganisation.rows.length > 0) return ofOrganisation.rows;
    const independent = (await this.repository.independentUserIds()).find(
      (userId) => independentOrganizationId(userId) === id,
    );
    return independent ? (await this.repository.page({ providerUserIds: [independent] }, 1, 0)).rows : [];
  }

  private async mapper(language: Language): Promise<OrukMapper> {
    const terms = new Map(
      (await this.vocabularies.terms()).map((term): [string, DirectoryTerm] => [termKey(term), term]),
    );
    const regions = new Map((await this.taxonomy.all(Vocabulary.REGION)).map((region) => [region.code, region]));
    return new OrukMapper(language, terms, regions, this.vocabularies.taxonomies());
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function notFound(entity: string, id: string): DirectoryError {
  return new DirectoryError(DirectoryErrorCode.NOT_FOUND, `${entity} ${id} is not in the directory.`, { entity, id });
}

function invalidParameter(parameter: string, message: string): DirectoryError {
  return new DirectoryError(DirectoryErrorCode.INVALID_PARAMETER, message, { parameter });
}
