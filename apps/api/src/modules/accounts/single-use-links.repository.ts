import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../core/database/database';
import { EmailConfirmationEntity } from './entities/email-confirmation.entity';
import { PasswordResetEntity } from './entities/password-reset.entity';

/** A single-use, expiring link of an account (password reset, e-mail confirmation): one per account, token stored hashed. */
type SingleUseLink = PasswordResetEntity | EmailConfirmationEntity;

/** The two kinds of link share one shape and one set of rules; each has its own table. (Injectable: the subclasses inherit its constructor's parameter types.) */
@Injectable()
abstract class SingleUseLinks<E extends SingleUseLink> {
  protected abstract readonly entity: new () => E;
  protected abstract readonly table: string;

  constructor(private readonly db: Database) {}

  /** The account's link from now on: any earlier one stops working. */
  async replace(link: E, em: EntityManager): Promise<void> {
    await em.delete(this.entity, { userId: link.userId });
    await em.insert(this.entity, link as never);
  }

  /**
   * Marks the link used, and says whose it was; null when the token is unknown, used, expired or
   * replaced. One conditional UPDATE, so two uses of one link cannot both succeed.
   */
  async claim(tokenHash: string, now: Date, em: EntityManager): Promise<string | null> {
    const found = await em.findOneBy<SingleUseLink>(this.entity, { tokenHash });
    if (!found) return null;
    const { affected } = await this.db.sql(
      `UPDATE ${this.table} SET used_at = ? WHERE user_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?`,
      [this.db.instant(now), found.userId, tokenHash, this.db.instant(now)],
      em,
    );
    return affected === 1 ? found.userId : null;
  }
}

@Injectable()
export class PasswordResetsRepository extends SingleUseLinks<PasswordResetEntity> {
  protected readonly entity = PasswordResetEntity;
  protected readonly table = 'password_resets';
}

@Injectable()
export class EmailConfirmationsRepository extends SingleUseLinks<EmailConfirmationEntity> {
  protected readonly entity = EmailConfirmationEntity;
  protected readonly table = 'email_confirmations';
}
