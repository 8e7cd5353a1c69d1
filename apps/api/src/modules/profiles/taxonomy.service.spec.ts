import { describe, expect, it } from 'vitest';
import { ProfilesError, ProfilesErrorCode } from './profiles.errors';
import { Vocabulary } from './profiles.enums';
import { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyService } from './taxonomy.service';
import { FakeTaxonomyRepository } from '../../../test/doubles/profiles.fakes';

function setup() {
  const repository = new FakeTaxonomyRepository();
  return { repository, taxonomy: new TaxonomyService(repository as unknown as TaxonomyRepository) };
}

describe('TaxonomyService', () => {
  it('reads the terms once and serves every later call from memory', async () => {
    const { repository, taxonomy } = setup();
    await Promise.all([taxonomy.all(Vocabulary.CONDITION), taxonomy.all(Vocabulary.REGION)]);
    await taxonomy.termsFor(Vocabulary.ART_FORM, ['dance']);
    await taxonomy.assertCodes(Vocabulary.REGION, ['powys']);
    expect(repository.reads).toBe(1);
  });

  it('lists a vocabulary in display order', async () => {
    const { taxonomy } = setup();
    const regions = await taxonomy.all(Vocabulary.REGION);
    expect(regions.map((term) => term.code)).toEqual([
      'betsi-cadwaladr',
      'powys',
      'hywel-dda',
      'swansea-bay',
      'cwm-taf-morgannwg',
      'cardiff-and-vale',
      'aneurin-bevan',
    ]);
    expect(regions.every((term) => term.vocabulary === Vocabulary.REGION)).toBe(true);
  });

  it('resolves codes to terms in the order given, once each, skipping unknown ones', async () => {
    const { taxonomy } = setup();
    const terms = await taxonomy.termsFor(Vocabulary.CONDITION, ['stroke', 'no-such-thing', 'dementia', 'stroke']);
    expect(terms.map((term) => term.code)).toEqual(['stroke', 'dementia']);
  });

  it('does not accept a code from another vocabulary', async () => {
    const { taxonomy } = setup();
    expect(await taxonomy.unknownCodes(Vocabulary.CONDITION, ['dance', 'stroke'])).toEqual(['dance']);
  });

  it('rejects unknown codes with UNKNOWN_TERM naming each offending code once', async () => {
    const { taxonomy } = setup();
    const error = await taxonomy
      .assertCodes(Vocabulary.ART_FORM, ['dance', 'juggling', 'knitting', 'juggling'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfilesError);
    expect((error as ProfilesError).code).toBe(ProfilesErrorCode.UNKNOWN_TERM);
    expect((error as ProfilesError).details).toEqual({
      vocabulary: Vocabulary.ART_FORM,
      codes: ['juggling', 'knitting'],
    });
  });

  it('accepts an empty list', async () => {
    const { taxonomy } = setup();
    await expect(taxonomy.assertCodes(Vocabulary.REGION, [])).resolves.toBeUndefined();
  });

  it('retries the read after a failure instead of caching it', async () => {
    const repository = new FakeTaxonomyRepository();
    let fail = true;
    const flaky = {
      findAll: () => (fail ? Promise.reject(new Error('database down')) : repository.findAll()),
    };
    const taxonomy = new TaxonomyService(flaky as unknown as TaxonomyRepository);
    await expect(taxonomy.all(Vocabulary.CONDITION)).rejects.toThrow('database down');
    fail = false;
    expect((await taxonomy.all(Vocabulary.CONDITION)).length).toBeGreaterThanOrEqual(14);
  });
});
