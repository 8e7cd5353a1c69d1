import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { Vocabulary } from '../profiles.enums';

@Unique('taxonomy_terms_vocabulary_code_key', ['vocabulary', 'code'])
@Entity({ name: 'taxonomy_terms' })
export class TaxonomyTermEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  vocabulary: Vocabulary;

  /** Stable, language-free key used everywhere else (e.g. "parkinsons", "betsi-cadwaladr"). */
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  nameCy: string;

  @Column({ type: 'varchar', length: 120 })
  nameEn: string;

  @Column({ type: 'integer' })
  sortOrder: number;
}
