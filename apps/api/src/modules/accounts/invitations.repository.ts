import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { InvitationEntity } from './entities/invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: Database) {}

  async insert(invitation: InvitationEntity, em: EntityManager): Promise<void> {
    await em.insert(InvitationEntity, invitation);
  }

  findByTokenHash(tokenHash: string, em: EntityManager): Promise<InvitationEntity | null> {
    return em.findOneBy(InvitationEntity, { tokenHash });
  }

  /** Whether an unused, unexpired invitation waits for this (lower-case) address. */
  async pendingFor(email: string, now: Date, em: EntityManager): Promise<boolean> {
    const { rows } = await this.db.sql<{ id: string }>(
      'SELECT id FROM invitations WHERE email = ? AND accepted_at IS NULL AND expires_at > ? LIMIT 1',
      [email, this.db.instant(now)],
      em,
    );
    return rows.length > 0;
  }

  /** Marks the invitation used; false when it was used or expired meanwhile (single use). */
  async claim(id: string, now: Date, em: EntityManager): Promise<boolean> {
    const { affected } = await this.db.sql(
      'UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND expires_at > ?',
      [this.db.instant(now), id, this.db.instant(now)],
      em,
    );
    return affected === 1;
  }
}
