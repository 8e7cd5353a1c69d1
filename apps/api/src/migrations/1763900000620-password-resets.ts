import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Forgotten passwords (issue #6): at most one reset link per account (a new request replaces it),
 * stored as the SHA-256 of its secret token, valid for an hour and used once.
 */
export class PasswordResets1763900000620 implements MigrationInterface {
  name = 'PasswordResets1763900000620';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE password_resets (
      user_id ${t.id} PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      token_hash varchar(64) NOT NULL UNIQUE,
      created_at ${t.instant} NOT NULL,
      expires_at ${t.instant} NOT NULL,
      used_at ${t.instant}
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE password_resets`);
  }
}
