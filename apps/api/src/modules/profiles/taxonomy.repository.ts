import { Injectable } from '@nestjs/common';
import { Database } from '../../core/database/database';
import { TaxonomyTermEntity } from './entities/taxonomy-term.entity';

@Injectable()
export class TaxonomyRepository {
  constructor(private readonly db: Database) {}

  /** Every term of every vocabulary, in display order. */
  findAll(): Promise<TaxonomyTermEntity[]> {
    return this.db.manager.find(TaxonomyTermEntity, { order: { vocabulary: 'ASC', sortOrder: 'ASC', code: 'ASC' } });
  }
}
