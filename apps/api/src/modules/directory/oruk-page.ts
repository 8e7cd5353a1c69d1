import { DirectoryError, DirectoryErrorCode } from './directory.errors';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

/** The ORUK page envelope (openapi.json components.schemas.Page) around `contents`. */
export interface OrukPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** Reads `page` and `per_page` (both optional); anything else than a whole number in range is refused. */
export function pageRequest(query: { page?: unknown; per_page?: unknown }): PageRequest {
  const page = wholeNumber(query.page, 1);
  if (page === null || page < 1) {
    throw new DirectoryError(DirectoryErrorCode.INVALID_PAGE, 'page must be a whole number from 1.', {
      parameter: 'page',
      minimum: 1,
    });
  }
  const perPage = wholeNumber(query.per_page, DEFAULT_PER_PAGE);
  if (perPage === null || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new DirectoryError(
      DirectoryErrorCode.INVALID_PAGE_SIZE,
      `per_page must be a whole number from 1 to ${MAX_PER_PAGE}.`,
      {
        parameter: 'per_page',
        minimum: 1,
        maximum: MAX_PER_PAGE,
      },
    );
  }
  return { page, perPage };
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.perPage;
}

export function orukPage<T>(request: PageRequest, totalItems: number, contents: T[]): OrukPage<T> {
  const totalPages = Math.ceil(totalItems / request.perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** A slice of an in-memory list as a page (for the small, fixed vocabularies). */
export function pageOf<T>(request: PageRequest, all: readonly T[]): OrukPage<T> {
  const start = offsetOf(request);
  return orukPage(request, all.length, all.slice(start, start + request.perPage));
}

/** undefined → the default; a decimal whole number → that number; anything else → null. */
function wholeNumber(value: unknown, fallback: number): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}
