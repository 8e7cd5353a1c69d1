import { Injectable } from '@nestjs/common';
import { Language } from '../../core/auth/role';
import { Vocabulary } from '../profiles/profiles.enums';
import { nameBasedUuid } from '../profiles/taxonomy-data';
import { TaxonomyService } from '../profiles/taxonomy.service';

/** The facts about a service that the feed publishes as terms of Cyswllt's own "service features" taxonomy. */
export enum ServiceFeature {
  INCLUSIVE_SPACE = 'inclusive-community-space',
  SHORT_TERM = 'short-term-projects',
  LONG_TERM = 'long-term-projects',
  WELSH_LANGUAGE = 'welsh-language-delivery',
}

const FEATURE_NAMES: Record<ServiceFeature, { cy: string; en: string }> = {
  [ServiceFeature.INCLUSIVE_SPACE]: { cy: 'Gofod cymunedol cynhwysol', en: 'Inclusive community space' },
  [ServiceFeature.SHORT_TERM]: { cy: 'Prosiectau tymor byr', en: 'Short-term projects' },
  [ServiceFeature.LONG_TERM]: { cy: 'Prosiectau tymor hir', en: 'Long-term projects' },
  [ServiceFeature.WELSH_LANGUAGE]: { cy: 'Darparu yn Gymraeg', en: 'Delivered in Welsh' },
};

/** Which of our vocabularies the feed publishes as ORUK taxonomies. */
export type DirectoryTaxonomyKey = Vocabulary.CONDITION | Vocabulary.ART_FORM | 'FEATURE';

const TAXONOMY_NAMES: Record<DirectoryTaxonomyKey, { cy: string; en: string; description: string }> = {
  [Vocabulary.CONDITION]: {
    cy: 'Cyflyrau (Cyswllt)',
    en: 'Conditions (Cyswllt)',
    description:
      "Cyswllt's bilingual vocabulary of health conditions and needs that arts-and-health work addresses (no patient data).",
  },
  [Vocabulary.ART_FORM]: {
    cy: 'Ffurfiau celf (Cyswllt)',
    en: 'Art forms (Cyswllt)',
    description: "Cyswllt's bilingual vocabulary of art forms.",
  },
  FEATURE: {
    cy: 'Nodweddion y gwasanaeth (Cyswllt)',
    en: 'Service features (Cyswllt)',
    description: 'Inclusive community space, short- or long-term projects, delivery in Welsh.',
  },
};

/** A term as the feed publishes it, with the stored code it stands for. */
export interface DirectoryTerm {
  id: string;
  taxonomy: DirectoryTaxonomyKey;
  code: string;
  nameCy: string;
  nameEn: string;
}

export interface DirectoryTaxonomy {
  id: string;
  key: DirectoryTaxonomyKey;
  nameCy: string;
  nameEn: string;
  description: string;
}

export const TAXONOMY_KEYS: readonly DirectoryTaxonomyKey[] = [Vocabulary.CONDITION, Vocabulary.ART_FORM, 'FEATURE'];

export function featureTermId(feature: ServiceFeature): string {
  return nameBasedUuid(`cyswllt:oruk:feature:${feature}`);
}

/**
 * The taxonomies and terms of the feed: conditions and art forms are our own bilingual
 * vocabularies (term ids are taxonomy_terms.id), features are fixed here.
 */
@Injectable()
export class DirectoryVocabularies {
  constructor(private readonly taxonomy: TaxonomyService) {}

  taxonomies(): DirectoryTaxonomy[] {
    return TAXONOMY_KEYS.map((key) => ({
      id: nameBasedUuid(`cyswllt:oruk:taxonomy:${key}`),
      key,
      nameCy: TAXONOMY_NAMES[key].cy,
      nameEn: TAXONOMY_NAMES[key].en,
      description: TAXONOMY_NAMES[key].description,
    }));
  }

  async terms(): Promise<DirectoryTerm[]> {
    const fromVocabulary = async (vocabulary: Vocabulary.CONDITION | Vocabulary.ART_FORM) =>
      (await this.taxonomy.all(vocabulary)).map((term) => ({
        id: term.id,
        taxonomy: vocabulary,
        code: term.code,
        nameCy: term.nameCy,
        nameEn: term.nameEn,
      }));
    const features = Object.values(ServiceFeature).map((code) => ({
      id: featureTermId(code),
      taxonomy: 'FEATURE' as const,
      code,
      nameCy: FEATURE_NAMES[code].cy,
      nameEn: FEATURE_NAMES[code].en,
    }));
    return [
      ...(await fromVocabulary(Vocabulary.CONDITION)),
      ...(await fromVocabulary(Vocabulary.ART_FORM)),
      ...features,
    ];
  }

  async termById(id: string): Promise<DirectoryTerm | undefined> {
    return (await this.terms()).find((term) => term.id === id);
  }

  taxonomyById(id: string): DirectoryTaxonomy | undefined {
    return this.taxonomies().find((taxonomy) => taxonomy.id === id);
  }

  static nameIn(named: { nameCy: string; nameEn: string }, language: Language): string {
    return language === Language.cy ? named.nameCy : named.nameEn;
  }
}
