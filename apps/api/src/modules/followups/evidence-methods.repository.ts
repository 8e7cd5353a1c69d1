import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { EvidenceMethodEntity } from './entities/evidence-method.entity';

export interface LibraryQuery {
  condition?: string;
  artForm?: string;
  after?: { updatedAt: Date; id: string };
  limit: number;
}

/** `"code"` inside a JSON array stored as text, as a LIKE pattern (wildcards in the code escaped). */
function jsonElementPattern(code: string): string {
  return `%${JSON.stringify(code).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@Injectable()
export class EvidenceMethodsRepository {
  constructor(private readonly db: Database) {}

  async insert(method: EvidenceMethodEntity, em: EntityManager): Promise<void> {
    await em.insert(EvidenceMethodEntity, method);
  }

  findById(id: string, em: EntityManager = this.db.manager): Promise<EvidenceMethodEntity | null> {
    return em.findOneBy(EvidenceMethodEntity, { id });
  }

  async update(id: string, changes: Partial<EvidenceMethodEntity>, em: EntityManager): Promise<void> {
    await em.update(EvidenceMethodEntity, { id }, changes);
  }

  async delete(id: string, em: EntityManager): Promise<void> {
    await em.delete(EvidenceMethodEntity, { id });
  }

  ofOwner(ownerId: string): Promise<EvidenceMethodEntity[]> {
    return this.db.manager.find(EvidenceMethodEntity, {
      where: { ownerId },
      order: { updatedAt: 'DESC', id: 'DESC' },
      take: 200,
    });
  }

  /** Shared methods, most recently described first, keyset-paginated on (updated_at, id). */
  shared(query: LibraryQuery): Promise<EvidenceMethodEntity[]> {
    const qb = this.db.manager
      .createQueryBuilder(EvidenceMethodEntity, 'e')
      .where('e.shared = :shared', { shared: true });
    if (query.condition)
      qb.andWhere(`e.conditions LIKE :condition ESCAPE '\\'`, { condition: jsonElementPattern(query.condition) });
    if (query.artForm)
      qb.andWhere(`e.art_forms LIKE :artForm ESCAPE '\\'`, { artForm: jsonElementPattern(query.artForm) });
    if (query.after) {
      const afterAt = this.db.instant(query.after.updatedAt);
      qb.andWhere('(e.updatedAt < :afterAt OR (e.updatedAt = :afterAt AND e.id < :afterId))', {
        afterAt,
        afterId: query.after.id,
      });
    }
    return qb.orderBy('e.updatedAt', 'DESC').addOrderBy('e.id', 'DESC').limit(query.limit).getMany();
  }
}
