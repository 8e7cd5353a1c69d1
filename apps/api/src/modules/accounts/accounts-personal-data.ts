import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LoginSessionService } from '../../core/auth/login-session.service';
import { Database } from '../../core/database/database';
import {
  ErasedPerson,
  ERASE_FIRST,
  exportedInstant,
  PersonalDataContributor,
  PersonalDataSource,
} from '../../core/privacy/personal-data';

/** The e-mail an erased account keeps: unique (the column is), unusable, and not theirs. */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}

/**
 * The account itself: the user row, their organisation link, login sessions and invitations.
 * Erasure keeps the row — meetings, follow-ups and attendance that others were part of refer to
 * it — but leaves nothing personal in it: an anonymous name, an unusable e-mail, no password, no
 * organisation; every login session, any password-reset or e-mail confirmation link and the invitation that brought them
 * in are deleted.
 */
@Injectable()
@PersonalDataSource()
export class AccountsPersonalData implements PersonalDataContributor {
  readonly section = 'account';
  readonly eraseOrder = ERASE_FIRST;

  constructor(
    private readonly db: Database,
    private readonly sessions: LoginSessionService,
  ) {}

  async exportFor(userId: string): Promise<unknown> {
    const [user] = (
      await this.db.sql<Record<string, unknown>>(
        `SELECT u.id, u.email, u.display_name, u.preferred_language, u.roles, u.created_at, u.share_email, u.email_confirmed_at, o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
                r.id AS requested_organisation_id, r.name AS requested_organisation_name
           FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id LEFT JOIN organisations r ON r.id = u.requested_organisation_id WHERE u.id = ?`,
        [userId],
      )
    ).rows;
    const sessions = await this.db.sql<Record<string, unknown>>(
      'SELECT created_at, expires_at, revoked_at FROM login_sessions WHERE user_id = ? ORDER BY created_at',
      [userId],
    );
    const invitations = await this.db.sql<Record<string, unknown>>(
      'SELECT email, roles, created_at, expires_at, accepted_at FROM invitations WHERE invited_by_id = ? ORDER BY created_at',
      [userId],
    );
    // When reset links were asked for and used; never the token's hash.
    const reset = (
      await this.db.sql<Record<string, unknown>>(
        'SELECT created_at, expires_at, used_at FROM password_resets WHERE user_id = ?',
        [userId],
      )
    ).rows[0];
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      preferredLanguage: user.preferred_language,
      shareEmail: Boolean(user.share_email),
      roles: JSON.parse(String(user.roles)) as string[],
      createdAt: this.instant(user.created_at),
      emailConfirmedAt: this.instant(user.email_confirmed_at),
      organisation: user.organisation_id
        ? { id: user.organisation_id, name: user.organisation_name, kind: user.organisation_kind }
        : null,
      organisationRequested: user.requested_organisation_id
        ? { id: user.requested_organisation_id, name: user.requested_organisation_name }
        : null,
      loginSessions: sessions.rows.map((s) => ({
        createdAt: this.instant(s.created_at),
        expiresAt: this.instant(s.expires_at),
        revokedAt: this.instant(s.revoked_at),
      })),
      invitationsSent: invitations.rows.map((i) => ({
        email: i.email,
        roles: JSON.parse(String(i.roles)) as string[],
        createdAt: this.instant(i.created_at),
        expiresAt: this.instant(i.expires_at),
        acceptedAt: this.instant(i.accepted_at),
      })),
      passwordReset: reset
        ? {
            requestedAt: this.instant(reset.created_at),
            expiresAt: this.instant(reset.expires_at),
            usedAt: this.instant(reset.used_at),
          }
        : null,
    };
  }

  async erase(person: ErasedPerson, em: EntityManager): Promise<void> {
    await this.db.sql(
      'UPDATE users SET email = ?, display_name = ?, password_hash = NULL, organisation_id = NULL, requested_organisation_id = NULL, share_email = false WHERE id = ?',
      [erasedEmail(person.userId), person.anonymousName, person.userId],
      em,
    );
    await this.db.sql('DELETE FROM login_sessions WHERE user_id = ?', [person.userId], em);
    this.sessions.actorChanged(person.userId, em);
    await this.db.sql('DELETE FROM password_resets WHERE user_id = ?', [person.userId], em);
    await this.db.sql('DELETE FROM email_confirmations WHERE user_id = ?', [person.userId], em);
    await this.db.sql('DELETE FROM invitations WHERE email = ?', [person.email.toLowerCase()], em);
  }

  private instant(value: unknown): string | null {
    return exportedInstant(this.db, value);
  }
}
