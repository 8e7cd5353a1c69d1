import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, hasRole, Role } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { Vocabulary } from '../profiles/profiles.enums';
import { ProfilesService } from '../profiles/profiles.service';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { EvidenceMethodEntity } from './entities/evidence-method.entity';
import { EvidenceMethodsRepository } from './evidence-methods.repository';
import { FollowupsError, FollowupsErrorCode } from './followups.errors';
import { EvidenceMethodInput } from './inputs/followups.inputs';

const ENTITY = 'EvidenceMethod';

export interface LibraryPage {
  methods: EvidenceMethodEntity[];
  hasNextPage: boolean;
}

export function encodeLibraryCursor(method: EvidenceMethodEntity): string {
  return Buffer.from(`${method.updatedAt.toISOString()}|${method.id}`).toString('base64url');
}

function decodeLibraryCursor(cursor: string): { updatedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(iso ?? '');
  if (!id || Number.isNaN(updatedAt.getTime()))
    throw new FollowupsError(FollowupsErrorCode.INVALID_CURSOR, 'That page cursor is not valid.');
  return { updatedAt, id };
}

/** Practitioners' own ways of evidencing impact; the shared ones form the evidence library. */
@Injectable()
export class EvidenceMethodsService {
  constructor(
    private readonly db: Database,
    private readonly methods: EvidenceMethodsRepository,
    private readonly profiles: ProfilesService,
    private readonly taxonomy: TaxonomyService,
    private readonly clock: Clock,
  ) {}

  /** Checks the role and the codes before any write (UNKNOWN_TERM names the bad ones). */
  async assertDescribable(actor: Actor, input: EvidenceMethodInput): Promise<void> {
    if (!hasRole(actor, Role.PRACTITIONER)) {
      throw new FollowupsError(
        FollowupsErrorCode.PRACTITIONERS_ONLY,
        'Evidence methods are described by practitioners.',
      );
    }
    await this.taxonomy.assertCodes(Vocabulary.CONDITION, input.conditionCodes);
    if (input.artFormCodes) await this.taxonomy.assertCodes(Vocabulary.ART_FORM, input.artFormCodes);
  }

  async describe(actor: Actor, input: EvidenceMethodInput): Promise<EvidenceMethodEntity> {
    await this.assertDescribable(actor, input);
    return this.db.write((em) => this.insert(actor, input, null, em));
  }

  /** Inserts in the caller's transaction (feedback describes one alongside); call assertDescribable first. */
  async insert(
    actor: Actor,
    input: EvidenceMethodInput,
    meetingId: string | null,
    em: EntityManager,
  ): Promise<EvidenceMethodEntity> {
    const now = this.clock.now();
    const method: EvidenceMethodEntity = {
      id: randomUUID(),
      ownerId: actor.id,
      meetingId,
      title: input.title.trim(),
      description: input.description.trim(),
      conditions: [...new Set(input.conditionCodes)],
      artForms: [...new Set(input.artFormCodes ?? (await this.profileArtForms(actor.id)))],
      shared: input.shared,
      createdAt: now,
      updatedAt: now,
    };
    await this.methods.insert(method, em);
    return method;
  }

  async update(actor: Actor, id: string, input: EvidenceMethodInput): Promise<EvidenceMethodEntity> {
    await this.assertDescribable(actor, input);
    return this.db.write(async (em) => {
      const method = await this.owned(actor, id, em);
      const changes = {
        title: input.title.trim(),
        description: input.description.trim(),
        conditions: [...new Set(input.conditionCodes)],
        artForms: [...new Set(input.artFormCodes ?? (await this.profileArtForms(actor.id)))],
        shared: input.shared,
        updatedAt: this.clock.now(),
      };
      await this.methods.update(method.id, changes, em);
      return { ...method, ...changes };
    });
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    return this.db.write(async (em) => {
      await this.methods.delete((await this.owned(actor, id, em)).id, em);
      return true;
    });
  }

  mine(actor: Actor): Promise<EvidenceMethodEntity[]> {
    return this.methods.ofOwner(actor.id);
  }

  async library(
    filter: { condition?: string; artForm?: string },
    first: number,
    after: string | undefined,
  ): Promise<LibraryPage> {
    const rows = await this.methods.shared({
      ...filter,
      after: after ? decodeLibraryCursor(after) : undefined,
      limit: first + 1,
    });
    return { methods: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  private async profileArtForms(userId: string): Promise<string[]> {
    return (await this.profiles.getByUserId(userId))?.artForms ?? [];
  }

  /** The owner's method; NOT_EVIDENCE_OWNER for a shared one of someone else, NOT_FOUND for a private one. */
  private async owned(actor: Actor, id: string, em: EntityManager): Promise<EvidenceMethodEntity> {
    const method = await this.methods.findById(id, em);
    if (method && method.ownerId === actor.id) return method;
    if (!method || !method.shared) throw CommonError.notFound(ENTITY, id);
    throw new FollowupsError(
      FollowupsErrorCode.NOT_EVIDENCE_OWNER,
      'Only the practitioner who described it can change it.',
      { id },
    );
  }
}
