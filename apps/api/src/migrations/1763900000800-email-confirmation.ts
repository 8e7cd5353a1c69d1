import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * E-mail confirmation of new accounts (issue #16): `users.email_confirmed_at` (null until the
 * person follows the link; invitations and resets confirm too), and at most one confirmation link
 * per account, stored as the SHA-256 of its token, used once, for 48 hours. Accounts made before
 * this migration count as confirmed: they were made by invitation, the seed, or a sign-up that the
 * product then accepted, and locking them out now would help nobody.
 */
export class EmailConfirmation1763900000800 implements MigrationInterface {
  name = 'EmailConfirmation1763900000800';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`ALTER TABLE users ADD COLUMN email_confirmed_at ${t.instant}`);
    await runner.query(`UPDATE users SET email_confirmed_at = created_at`);
    await runner.query(`CREATE TABLE email_confirmations (
      user_id ${t.id} PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      token_hash varchar(64) NOT NULL UNIQUE,
      created_at ${t.instant} NOT NULL,
      expires_at ${t.instant} NOT NULL,
      used_at ${t.instant}
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_confirmations`);
    await runner.query(`ALTER TABLE users DROP COLUMN email_confirmed_at`);
  }
}
