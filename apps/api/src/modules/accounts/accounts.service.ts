import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { LoginSessionService, newSecretToken, sha256 } from '../../core/auth/login-session.service';
import { Actor, hasRole } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database, isUniqueViolation } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { Language, OrganisationKind, Role } from './accounts.enums';
import { AccountsError, AccountsErrorCode } from './accounts.errors';
import { InvitationEntity } from './entities/invitation.entity';
import { UserEntity } from './entities/user.entity';
import { AcceptInvitationInput, CreateInvitationInput, ResetPasswordInput, SignUpInput, UpdateMeInput } from './inputs/account.inputs';
import { InvitationListeners } from './invitation-listeners';
import { InvitationsRepository } from './invitations.repository';
import { LoginThrottle } from './login-throttle';
import { OrganisationsRepository } from './organisations.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordResetsRepository } from './password-resets.repository';
import { UsersRepository } from './users.repository';

/** How long a password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 3600_000;

/** Roles an organiser may invite; organisers and admins are invited by admins only. */
const ORGANISER_INVITABLE = [Role.PRACTITIONER, Role.COMMISSIONER, Role.LINK_WORKER];

export interface SignedIn {
  user: UserEntity;
  token: string;
  expiresAt: Date;
  loginSessionId: string;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly passwordResets: PasswordResetsRepository,
    private readonly invitationListeners: InvitationListeners,
    private readonly hasher: PasswordHasher,
    private readonly sessions: LoginSessionService,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Self-registration is for practitioners; other roles come by invitation. */
  async signUp(input: SignUpInput, previousToken?: string): Promise<SignedIn> {
    const user = await this.createUser(
      { email: input.email, displayName: input.displayName, language: input.preferredLanguage, roles: [Role.PRACTITIONER], organisationId: input.organisationId ?? null },
      input.password,
    );
    return this.signIn(user, previousToken);
  }

  async logIn(email: string, password: string, client: string, previousToken?: string): Promise<SignedIn> {
    await this.throttle.acquire(email, client);
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      throw new AccountsError(AccountsErrorCode.INVALID_CREDENTIALS, 'That e-mail address and password do not match.');
    }
    await this.throttle.recordSuccess(email, client);
    return this.signIn(user, previousToken);
  }

  async logOut(token: string | undefined): Promise<void> {
    if (token) await this.sessions.revoke(token);
  }

  async createInvitation(actor: Actor, input: CreateInvitationInput): Promise<{ invitation: InvitationEntity; token: string; url: string }> {
    const privileged = input.roles.filter((role) => !ORGANISER_INVITABLE.includes(role));
    if (privileged.length > 0 && !hasRole(actor, Role.ADMIN)) {
      throw new AccountsError(AccountsErrorCode.ROLE_NOT_INVITABLE, `Only an admin can invite ${privileged.join(', ')}.`, { roles: privileged });
    }
    await this.assertOrganisationExists(input.organisationId);
    const token = newSecretToken();
    const now = this.clock.now();
    const invitation: InvitationEntity = {
      id: randomUUID(),
      email: input.email.toLowerCase(),
      roles: [...new Set(input.roles)],
      organisationId: input.organisationId ?? null,
      tokenHash: sha256(token),
      invitedById: actor.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.invitationTtlHours * 3600_000),
      acceptedAt: null,
    };
    const url = `${this.config.publicUrl}/invitation/${token}`;
    await this.db.write(async (em) => {
      await this.invitations.insert(invitation, em);
      await this.invitationListeners.emit({ invitation, url }, em);
    });
    return { invitation, token, url };
  }

  /** Single use: the claim and the new account commit together, or neither does. */
  async acceptInvitation(input: AcceptInvitationInput, previousToken?: string): Promise<SignedIn> {
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.db.write(async (em) => {
      const invitation = await this.invitations.findByTokenHash(sha256(input.token), em);
      const now = this.clock.now();
      if (!invitation || !(await this.invitations.claim(invitation.id, now, em))) {
        throw new AccountsError(AccountsErrorCode.INVITATION_INVALID, 'This invitation link is not valid: it may have been used already or expired.');
      }
      return this.insertUser(
        { email: invitation.email, displayName: input.displayName, language: input.preferredLanguage, roles: invitation.roles, organisationId: invitation.organisationId },
        passwordHash,
        em,
      );
    });
    return this.signIn(user, previousToken);
  }

  /**
   * Always true, whether or not the address has an account (no account enumeration); throttled per
   * address and client like logging in. For an account, a new single-use link replaces any earlier
   * one and its e-mail is queued in the same transaction.
   */
  async requestPasswordReset(email: string, client: string): Promise<true> {
    await this.throttle.acquireReset(email, client);
    const user = await this.users.findByEmail(email.toLowerCase());
    // An erased account keeps its row but has no password and an address nobody holds.
    if (!user?.passwordHash) return true;
    const token = newSecretToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
    const url = `${this.config.publicUrl}/reset-password/${token}`;
    await this.db.write(async (em) => {
      await this.passwordResets.replace({ userId: user.id, tokenHash: sha256(token), createdAt: now, expiresAt, usedAt: null }, em);
      await this.invitationListeners.emitPasswordReset({ userId: user.id, url, expiresAt }, em);
    });
    return true;
  }

  /**
   * Sets a new password with a reset link: the link is used up, every login of the account ends
   * (whoever knew the old password is signed out), all in one transaction; then this browser is
   * signed in. A bad link changes nothing.
   */
  async resetPassword(input: ResetPasswordInput, previousToken?: string): Promise<SignedIn> {
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.db.write(async (em) => {
      const userId = await this.passwordResets.claim(sha256(input.token), this.clock.now(), em);
      const found = userId ? await this.users.findById(userId, em) : null;
      if (!found?.passwordHash) {
        throw new AccountsError(AccountsErrorCode.PASSWORD_RESET_INVALID, 'This password reset link is not valid: it may have been used already, replaced by a newer one, or expired.');
      }
      await this.users.update(found.id, { passwordHash }, em);
      await this.sessions.revokeAllIn(found.id, em);
      return found;
    });
    return this.signIn(user, previousToken);
  }

  async updateMe(actor: Actor, input: UpdateMeInput): Promise<UserEntity> {
    await this.assertOrganisationExists(input.organisationId);
    return this.db.write(async (em) => {
      const changes: Partial<UserEntity> = {};
      if (input.displayName !== undefined) changes.displayName = input.displayName;
      if (input.preferredLanguage !== undefined) changes.preferredLanguage = input.preferredLanguage;
      if (input.organisationId !== undefined) changes.organisationId = input.organisationId;
      if (Object.keys(changes).length > 0) await this.users.update(actor.id, changes, em);
      const user = await this.users.findById(actor.id, em);
      if (!user) throw CommonError.notFound('User', actor.id);
      return user;
    });
  }

  /** People by id, for other modules (notifications), optionally inside the caller's transaction. */
  async findUsers(ids: readonly string[], em?: EntityManager): Promise<UserEntity[]> {
    return this.users.findByIds([...new Set(ids)], em);
  }

  /** Used by sign-up and by the demo seed. */
  async createUser(
    fields: { email: string; displayName: string; language: Language; roles: Role[]; organisationId: string | null },
    password: string,
  ): Promise<UserEntity> {
    await this.assertOrganisationExists(fields.organisationId ?? undefined);
    const passwordHash = await this.hasher.hash(password);
    return this.db.write((em) => this.insertUser(fields, passwordHash, em));
  }

  private async insertUser(
    fields: { email: string; displayName: string; language: Language; roles: Role[]; organisationId: string | null },
    passwordHash: string,
    em: Parameters<UsersRepository['insert']>[1],
  ): Promise<UserEntity> {
    // Every way in (sign-up, invitation, the seed and CLI) comes here: e-mail goes to this address.
    if (!isEmail(fields.email) || fields.email.length > 254) throw CommonError.badInput('That is not an e-mail address.', { email: ['must be an e-mail address'] });
    const user: UserEntity = {
      id: randomUUID(),
      email: fields.email.toLowerCase(),
      displayName: fields.displayName.trim(),
      preferredLanguage: fields.language,
      passwordHash,
      roles: fields.roles,
      organisationId: fields.organisationId,
      createdAt: this.clock.now(),
    };
    if (await this.users.findByEmail(user.email, em)) throw this.emailTaken();
    try {
      await this.users.insert(user, em);
    } catch (error) {
      if (isUniqueViolation(error)) throw this.emailTaken();
      throw error;
    }
    return user;
  }

  private emailTaken(): AccountsError {
    return new AccountsError(AccountsErrorCode.EMAIL_TAKEN, 'An account with that e-mail address already exists.');
  }

  private async signIn(user: UserEntity, previousToken: string | undefined): Promise<SignedIn> {
    return { user, ...(await this.sessions.start(user.id, previousToken)) };
  }

  private async assertOrganisationExists(id: string | undefined): Promise<void> {
    if (id && !(await this.organisations.findById(id))) {
      throw new AccountsError(AccountsErrorCode.ORGANISATION_NOT_FOUND, `Organisation ${id} was not found.`, { id });
    }
  }

  /** People with their organisation's kind, for other modules (matching). */
  async findPeople(ids: readonly string[]): Promise<{ user: UserEntity; organisationKind: OrganisationKind | null }[]> {
    const users = await this.findUsers(ids);
    const organisations = await this.organisations.findByIds([...new Set(users.map((u) => u.organisationId).filter((id): id is string => id !== null))]);
    const kinds = new Map(organisations.map((o) => [o.id, o.kind]));
    return users.map((user) => ({ user, organisationKind: user.organisationId ? (kinds.get(user.organisationId) ?? null) : null }));
  }
}
