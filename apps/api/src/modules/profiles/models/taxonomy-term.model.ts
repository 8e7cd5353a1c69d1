import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TaxonomyTermEntity } from '../entities/taxonomy-term.entity';
import { Vocabulary } from '../profiles.enums';

registerEnumType(Vocabulary, { name: 'Vocabulary' });

/** A term of a vocabulary. `code` is stable and language-free; `name` follows the reader's language. */
@ObjectType()
export class TaxonomyTerm {
  @Field()
  code: string;

  @Field(() => Vocabulary)
  vocabulary: Vocabulary;

  @Field()
  nameCy: string;

  @Field()
  nameEn: string;

  static from(entity: TaxonomyTermEntity): TaxonomyTerm {
    return Object.assign(new TaxonomyTerm(), {
      code: entity.code,
      vocabulary: entity.vocabulary,
      nameCy: entity.nameCy,
      nameEn: entity.nameEn,
    });
  }
}
