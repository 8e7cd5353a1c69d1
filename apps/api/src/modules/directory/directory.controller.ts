import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { Language } from '../../core/auth/role';
import { DirectoryHttpErrorFilter } from './directory-http-error.filter';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';
import { DirectoryService, ServiceQuery } from './directory.service';
import { pageRequest } from './oruk-page';

/** Where the feed lives; the web app's fallback leaves it alone (core/web/web-app.ts). */
export const DIRECTORY_PATH = '/openreferral';

type PageQuery = { page?: string; per_page?: string; lang?: string };

/**
 * The public referral directory as an Open Referral UK 3.0 API (read-only, no sign-in): paths,
 * field names and pagination as in vendor/oruk/schema/openapi.json. `lang=cy` names terms,
 * areas and languages in Welsh (English by default). Errors: 400 / 404 with
 * `{ error: CODE, message }` (DirectoryHttpErrorFilter).
 */
@Controller(DIRECTORY_PATH.slice(1))
@UseFilters(DirectoryHttpErrorFilter)
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  about(): Record<string, string> {
    return this.directory.about();
  }

  @Get('services')
  services(@Query() query: PageQuery & ServiceQuery) {
    return this.directory.services(stringsOnly(query), pageRequest(query), languageOf(query));
  }

  @Get('services/:id')
  service(@Param('id') id: string, @Query() query: PageQuery) {
    return this.directory.service(id, languageOf(query));
  }

  @Get('organizations')
  organizations(@Query() query: PageQuery) {
    return this.directory.organizations(pageRequest(query), languageOf(query));
  }

  @Get('organizations/:id')
  organization(@Param('id') id: string, @Query() query: PageQuery) {
    return this.directory.organization(id, languageOf(query));
  }

  @Get('taxonomies')
  taxonomies(@Query() query: PageQuery) {
    return this.directory.taxonomies(pageRequest(query), languageOf(query));
  }

  @Get('taxonomies/:id')
  taxonomy(@Param('id') id: string, @Query() query: PageQuery) {
    return this.directory.taxonomyById(id, languageOf(query));
  }

  @Get('taxonomy_terms')
  taxonomyTerms(@Query() query: PageQuery & { taxonomy_id?: string }) {
    return this.directory.taxonomyTerms(stringsOnly(query), pageRequest(query), languageOf(query));
  }

  @Get('taxonomy_terms/:id')
  taxonomyTerm(@Param('id') id: string, @Query() query: PageQuery) {
    return this.directory.taxonomyTerm(id, languageOf(query));
  }
}

function languageOf(query: { lang?: unknown }): Language {
  if (query.lang === undefined || query.lang === 'en') return Language.en;
  if (query.lang === 'cy') return Language.cy;
  throw new DirectoryError(DirectoryErrorCode.INVALID_PARAMETER, 'lang must be cy or en.', { parameter: 'lang' });
}

/** A parameter given twice arrives as an array: refuse it rather than guess. */
function stringsOnly<T extends object>(query: T): T {
  for (const [parameter, value] of Object.entries(query)) {
    if (typeof value !== 'string')
      throw new DirectoryError(DirectoryErrorCode.INVALID_PARAMETER, `${parameter} may be given once.`, { parameter });
  }
  return query;
}
