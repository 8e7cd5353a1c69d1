import { Injectable } from '@nestjs/common';
import { TaxonomyTermEntity } from './entities/taxonomy-term.entity';
import { ProfilesError } from './profiles.errors';
import { Vocabulary } from './profiles.enums';
import { TaxonomyRepository } from './taxonomy.repository';

interface VocabularyIndex {
  terms: readonly TaxonomyTermEntity[];
  byCode: ReadonlyMap<string, TaxonomyTermEntity>;
}

/**
 * The vocabularies (conditions, art forms, regions). Reference data that changes only by
 * migration, so it is read once per process, on first use, and kept in memory; the cached terms
 * are frozen and shared.
 */
@Injectable()
export class TaxonomyService {
  private index: Promise<Map<Vocabulary, VocabularyIndex>> | undefined;

  constructor(private readonly repository: TaxonomyRepository) {}

  /** Every term of a vocabulary, in display order. */
  async all(vocabulary: Vocabulary): Promise<readonly TaxonomyTermEntity[]> {
    return (await this.vocabulary(vocabulary)).terms;
  }

  /** The terms for these codes, in the order given, without duplicates; unknown codes are skipped. */
  async termsFor(vocabulary: Vocabulary, codes: readonly string[]): Promise<TaxonomyTermEntity[]> {
    const { byCode } = await this.vocabulary(vocabulary);
    return [...new Set(codes)].flatMap((code) => byCode.get(code) ?? []);
  }

  /** The codes that are not terms of the vocabulary (each once, in the order given). */
  async unknownCodes(vocabulary: Vocabulary, codes: readonly string[]): Promise<string[]> {
    const { byCode } = await this.vocabulary(vocabulary);
    return [...new Set(codes)].filter((code) => !byCode.has(code));
  }

  /** Throws UNKNOWN_TERM listing every offending code. */
  async assertCodes(vocabulary: Vocabulary, codes: readonly string[]): Promise<void> {
    const unknown = await this.unknownCodes(vocabulary, codes);
    if (unknown.length > 0) throw ProfilesError.unknownTerms(vocabulary, unknown);
  }

  private async vocabulary(vocabulary: Vocabulary): Promise<VocabularyIndex> {
    return (await this.load()).get(vocabulary) ?? { terms: [], byCode: new Map() };
  }

  private load(): Promise<Map<Vocabulary, VocabularyIndex>> {
    this.index ??= this.repository.findAll().then(
      (rows) => {
        const index = new Map<Vocabulary, VocabularyIndex>();
        const sorted = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
        for (const vocabulary of Object.values(Vocabulary)) {
          const terms = sorted.filter((row) => row.vocabulary === vocabulary).map((row) => Object.freeze({ ...row }));
          index.set(vocabulary, {
            terms: Object.freeze(terms),
            byCode: new Map(terms.map((term) => [term.code, term])),
          });
        }
        return index;
      },
      (error: unknown) => {
        this.index = undefined; // a failed read is retried by the next caller, not cached
        throw error;
      },
    );
    return this.index;
  }
}
