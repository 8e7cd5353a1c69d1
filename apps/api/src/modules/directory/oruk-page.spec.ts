import { describe, expect, it } from 'vitest';
import { DirectoryErrorCode } from './directory.errors';
import { orukPage, pageOf, pageRequest } from './oruk-page';

describe('ORUK pages', () => {
  it('reads page and per_page, with defaults', () => {
    expect(pageRequest({})).toEqual({ page: 1, perPage: 20 });
    expect(pageRequest({ page: '3', per_page: '100' })).toEqual({ page: 3, perPage: 100 });
  });

  it.each([['0'], ['101'], ['-1'], ['1.5'], ['1e2'], [''], [' 5'], [['5', '6']]])('refuses per_page=%j', (perPage) => {
    expect(() => pageRequest({ per_page: perPage })).toThrow(
      expect.objectContaining({ code: DirectoryErrorCode.INVALID_PAGE_SIZE }),
    );
  });

  it.each([['0'], ['x'], ['-3']])('refuses page=%j', (page) => {
    expect(() => pageRequest({ page })).toThrow(expect.objectContaining({ code: DirectoryErrorCode.INVALID_PAGE }));
  });

  it('gives the page fields at the edges', () => {
    expect(orukPage({ page: 1, perPage: 10 }, 0, [])).toEqual({
      total_items: 0,
      total_pages: 0,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    });
    expect(pageOf({ page: 2, perPage: 2 }, ['a', 'b', 'c', 'd', 'e'])).toMatchObject({
      total_pages: 3,
      size: 2,
      first_page: false,
      last_page: false,
      contents: ['c', 'd'],
    });
    expect(pageOf({ page: 3, perPage: 2 }, ['a', 'b', 'c', 'd', 'e'])).toMatchObject({
      size: 1,
      last_page: true,
      contents: ['e'],
    });
    expect(pageOf({ page: 9, perPage: 2 }, ['a'])).toMatchObject({
      size: 0,
      empty: true,
      last_page: true,
      page_number: 9,
    });
  });
});
