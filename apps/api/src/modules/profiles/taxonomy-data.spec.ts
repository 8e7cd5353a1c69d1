import { describe, expect, it } from 'vitest';
import { Vocabulary } from './profiles.enums';
import { ART_FORMS, CONDITIONS, REGIONS, TAXONOMY, taxonomyRows, taxonomyTermId } from './taxonomy-data';

describe('taxonomy data', () => {
  it('has the vocabularies the product needs', () => {
    expect(CONDITIONS.length).toBeGreaterThanOrEqual(14);
    expect(ART_FORMS.length).toBeGreaterThanOrEqual(12);
    expect(REGIONS.map((r) => r.code)).toEqual([
      'betsi-cadwaladr',
      'powys',
      'hywel-dda',
      'swansea-bay',
      'cwm-taf-morgannwg',
      'cardiff-and-vale',
      'aneurin-bevan',
    ]);
  });

  it('fits the taxonomy_terms columns and uses unique, slug-shaped codes per vocabulary', () => {
    for (const vocabulary of Object.values(Vocabulary)) {
      const terms = TAXONOMY[vocabulary];
      expect(new Set(terms.map((t) => t.code)).size).toBe(terms.length);
      for (const term of terms) {
        expect(term.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(term.code.length).toBeLessThanOrEqual(60);
        expect(term.nameCy.length).toBeGreaterThan(0);
        expect(term.nameEn.length).toBeGreaterThan(0);
        expect(term.nameCy.length).toBeLessThanOrEqual(120);
        expect(term.nameEn.length).toBeLessThanOrEqual(120);
      }
    }
  });

  it('gives every term a stable, unique, UUID-shaped id', () => {
    const rows = taxonomyRows();
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const row of rows)
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(taxonomyTermId(Vocabulary.REGION, 'powys')).toBe(taxonomyTermId(Vocabulary.REGION, 'powys'));
    expect(taxonomyTermId(Vocabulary.REGION, 'powys')).not.toBe(taxonomyTermId(Vocabulary.CONDITION, 'powys'));
  });

  it('uses the health boards’ official Welsh names', () => {
    const cy = Object.fromEntries(REGIONS.map((r) => [r.code, r.nameCy]));
    expect(cy['betsi-cadwaladr']).toBe('Bwrdd Iechyd Prifysgol Betsi Cadwaladr');
    expect(cy['powys']).toBe('Bwrdd Iechyd Addysgu Powys');
    expect(cy['swansea-bay']).toBe('Bwrdd Iechyd Prifysgol Bae Abertawe');
    expect(cy['cardiff-and-vale']).toBe("Bwrdd Iechyd Prifysgol Caerdydd a'r Fro");
  });
});
