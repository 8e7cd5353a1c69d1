import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { PasswordResetEntity } from './entities/password-reset.entity';

@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly db: Database) {}

  /** The account's reset link from now on: any earlier one stops working. */
  async replace(reset: PasswordResetEntity, em: EntityManager): Promise<void> {
    await em.delete(PasswordResetEntity, { userId: reset.userId });
    await em.insert(PasswordResetEntity, reset);
  }

  /**
   * Marks the link used, and says whose it was; null when the token is unknown, used, expired or
   * replaced. One conditional UPDATE, so two uses of one link cannot both succeed.
   */
  async claim(tokenHash: string, now: Date, em: EntityManager): Promise<string | null> {
    const found = await em.findOneBy(PasswordResetEntity, { tokenHash });
    if (!found) return null;
    const { affected } = await this.db.sql(
      'UPDATE password_resets SET used_at = ? WHERE user_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?',
      [this.db.instant(now), found.userId, tokenHash, this.db.instant(now)],
      em,
    );
    return affected === 1 ? found.userId : null;
  }
}
