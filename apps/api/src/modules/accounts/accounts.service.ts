import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { LoginSessionService, newSecretToken, sha256 } from '../../core/auth/login-session.service';
import { Actor, hasRole } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { AfterCommit } from '../../core/database/after-commit';
import { Database, isUniqueViolation } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { Language, OrganisationKind, Role } from './accounts.enums';
import { AccountsError, AccountsErrorCode } from './accounts.errors';
import { InvitationEntity } from './entities/invitation.entity';
import { UserEntity } from './entities/user.entity';
import {
  AcceptInvitationInput,
  CreateInvitationInput,
  ResetPasswordInput,
  SignUpInput,
  UpdateMeInput,
} from './inputs/account.inputs';
import { InvitationListeners } from './invitation-listeners';
import { InvitationsRepository } from './invitations.repository';
import { LoginThrottle } from './login-throttle';
import { OrganisationsRepository } from './organisations.repository';
import { PasswordHasher } from './password-hasher';
import { EmailConfirmationsRepository, PasswordResetsRepository } from './single-use-links.repository';
import { UsersRepository } from './users.repository';

/** The fields of a new account; `organisationId` only for an invitation (or the seed), `requestedOrganisationId` asks to join. */
interface NewUser {
  email: string;
  displayName: string;
  language: Language;
  roles: Role[];
  organisationId: string | null;
  requestedOrganisationId?: string | null;
  /** When the address was shown to be theirs; null for a sign-up until its link is followed. */
  emailConfirmedAt: Date | null;
}

/** How long a password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 3600_000;

/** How long an e-mail confirmation link works: two days, so a weekend's e-mail still confirms. */
export const EMAIL_CONFIRMATION_TTL_MS = 48 * 3600_000;

/** Roles an organiser may invite; organisers and admins are invited by admins only. */
const ORGANISER_INVITABLE = [Role.PRACTITIONER, Role.COMMISSIONER, Role.LINK_WORKER, Role.INTERPRETER];

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
    private readonly confirmations: EmailConfirmationsRepository,
    private readonly invitationListeners: InvitationListeners,
    private readonly hasher: PasswordHasher,
    private readonly sessions: LoginSessionService,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly afterCommit: AfterCommit,
  ) {}

  /**
   * Self-registration is for practitioners; other roles come by invitation. Throttled per address
   * and client like logging in. Nobody is signed in by a sign-up: the new account gets an e-mail
   * with a confirmation link (in its language), and it can act towards others once that is
   * followed. An address that already has an account is not told so: its holder gets a "someone
   * tried to sign up with your address" e-mail instead. An address with a pending invitation is
   * left for the invitation (a sign-up must not take it first). Every path hashes the password and
   * queues one e-mail (or none for an invitation), and the caller gets the same fields either way
   * (a fresh id): the answer does not say which addresses are known.
   */
  async signUp(input: SignUpInput, client: string): Promise<UserEntity> {
    await this.throttle.acquireSignUp(input.email, client);
    // Naming an organisation asks to join it: an organiser or admin decides (decideMembership).
    const fields: NewUser = {
      email: input.email,
      displayName: input.displayName,
      language: input.preferredLanguage,
      roles: [Role.PRACTITIONER],
      organisationId: null,
      requestedOrganisationId: input.organisationId ?? null,
      emailConfirmedAt: null,
    };
    await this.assertOrganisationExists(fields.requestedOrganisationId ?? undefined);
    const passwordHash = await this.hasher.hash(input.password);
    const created = await this.db.write(async (em) => {
      const email = fields.email.toLowerCase();
      const holder = await this.users.findByEmail(email, em);
      if (holder?.passwordHash) await this.invitationListeners.emitSignUpAttempt({ userId: holder.id }, em);
      if (holder || (await this.invitations.pendingFor(email, this.clock.now(), em))) return null;
      const user = await this.insertUser(fields, passwordHash, em);
      await this.newConfirmationLink(user.id, em);
      return user;
    });
    return created ?? this.unsavedUser(fields, passwordHash);
  }

  /**
   * Always true, whatever the address (no account enumeration); throttled per address and client.
   * Like a password reset, the answer comes first; then, in the background, an account that has
   * not confirmed its address gets a new link (the earlier one stops working).
   */
  async resendEmailConfirmation(email: string, client: string): Promise<true> {
    await this.throttle.acquireConfirmation(email, client);
    this.afterCommit.background(async () => {
      await this.db.write(async (em) => {
        const user = await this.users.findByEmail(email, em);
        if (user?.passwordHash && !user.emailConfirmedAt) await this.newConfirmationLink(user.id, em);
      });
    });
    return true;
  }

  /**
   * Follows a confirmation link: used up, and the account confirmed, in one statement each; a bad
   * link changes nothing. It signs nobody in: the link proves the address, not the password, and
   * an account someone else made with that address must not become theirs by a click.
   */
  async confirmEmail(token: string): Promise<void> {
    await this.db.write(async (em) => {
      const userId = await this.confirmations.claim(sha256(token), this.clock.now(), em);
      const user = userId ? await this.users.findById(userId, em) : null;
      if (!user?.passwordHash) {
        throw new AccountsError(
          AccountsErrorCode.EMAIL_CONFIRMATION_INVALID,
          'This confirmation link is not valid: it may have been used already, replaced by a newer one, or expired.',
        );
      }
      if (!user.emailConfirmedAt) {
        await this.users.update(user.id, { emailConfirmedAt: this.clock.now() }, em);
        // A sign-in cached before the confirmation must see it on its next request.
        this.sessions.actorChanged(user.id, em);
      }
    });
  }

  /** A new single-use link for the account, replacing any earlier one, and its e-mail, in the caller's transaction. */
  private async newConfirmationLink(userId: string, em: EntityManager): Promise<void> {
    const token = newSecretToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + EMAIL_CONFIRMATION_TTL_MS);
    await this.confirmations.replace({ userId, tokenHash: sha256(token), createdAt: now, expiresAt, usedAt: null }, em);
    await this.invitationListeners.emitEmailConfirmation(
      { userId, url: `${this.config.publicUrl}/confirm-email/${token}`, expiresAt },
      em,
    );
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

  async createInvitation(
    actor: Actor,
    input: CreateInvitationInput,
  ): Promise<{ invitation: InvitationEntity; token: string; url: string }> {
    const privileged = input.roles.filter((role) => !ORGANISER_INVITABLE.includes(role));
    if (privileged.length > 0 && !hasRole(actor, Role.ADMIN)) {
      throw new AccountsError(
        AccountsErrorCode.ROLE_NOT_INVITABLE,
        `Only an admin can invite ${privileged.join(', ')}.`,
        { roles: privileged },
      );
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
        throw new AccountsError(
          AccountsErrorCode.INVITATION_INVALID,
          'This invitation link is not valid: it may have been used already or expired.',
        );
      }
      return this.insertUser(
        // The invitation went to this address: following it shows the address is theirs.
        {
          email: invitation.email,
          displayName: input.displayName,
          language: input.preferredLanguage,
          roles: invitation.roles,
          organisationId: invitation.organisationId,
          emailConfirmedAt: now,
        },
        passwordHash,
        em,
      );
    });
    return this.signIn(user, previousToken);
  }

  /**
   * Always true, whether or not the address has an account (no account enumeration); throttled per
   * address and client like logging in. The answer comes before any look-up, the same work and
   * time for every address; then, in the background, for an account a new single-use link
   * replaces any earlier one and its e-mail is queued in the same transaction.
   */
  async requestPasswordReset(email: string, client: string): Promise<true> {
    await this.throttle.acquireReset(email, client);
    this.afterCommit.background(() => this.sendPasswordReset(email));
    return true;
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email.toLowerCase());
    // An erased account keeps its row but has no password and an address nobody holds.
    if (!user?.passwordHash) return;
    const token = newSecretToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
    // In the account's language; the e-mail itself is in both (whoever forgot may be on another device).
    const url = `${this.config.publicUrl}/${user.preferredLanguage}/reset-password/${token}`;
    await this.db.write(async (em) => {
      await this.passwordResets.replace(
        { userId: user.id, tokenHash: sha256(token), createdAt: now, expiresAt, usedAt: null },
        em,
      );
      await this.invitationListeners.emitPasswordReset({ userId: user.id, url, expiresAt }, em);
    });
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
        throw new AccountsError(
          AccountsErrorCode.PASSWORD_RESET_INVALID,
          'This password reset link is not valid: it may have been used already, replaced by a newer one, or expired.',
        );
      }
      // The link came to the account's address: that confirms it too.
      await this.users.update(
        found.id,
        { passwordHash, emailConfirmedAt: found.emailConfirmedAt ?? this.clock.now() },
        em,
      );
      await this.sessions.revokeAllIn(found.id, em);
      return { ...found, emailConfirmedAt: found.emailConfirmedAt ?? this.clock.now() };
    });
    return this.signIn(user, previousToken);
  }

  async updateMe(actor: Actor, input: UpdateMeInput): Promise<UserEntity> {
    await this.assertOrganisationExists(input.organisationId);
    return this.db.write(async (em) => {
      const changes: Partial<UserEntity> = {};
      if (input.displayName !== undefined) changes.displayName = input.displayName;
      if (input.preferredLanguage !== undefined) changes.preferredLanguage = input.preferredLanguage;
      const current = await this.users.findById(actor.id, em);
      if (!current) throw CommonError.notFound('User', actor.id);
      // Leaving needs nobody's approval; joining or moving is a request an organiser decides.
      if (input.organisationId === null)
        Object.assign(changes, { organisationId: null, requestedOrganisationId: null });
      else if (input.organisationId !== undefined)
        changes.requestedOrganisationId = input.organisationId === current.organisationId ? null : input.organisationId;
      if (input.shareEmail !== undefined) changes.shareEmail = input.shareEmail;
      if (Object.keys(changes).length > 0) {
        await this.users.update(actor.id, changes, em);
        this.sessions.actorChanged(actor.id, em);
      }
      return { ...current, ...changes };
    });
  }

  /** People waiting for an answer to their request to join an organisation, oldest first. */
  membershipRequests(): Promise<UserEntity[]> {
    return this.users.withMembershipRequests();
  }

  /** An organiser's or admin's answer: approve moves them into the organisation they asked for. */
  async decideMembership(userId: string, approve: boolean): Promise<UserEntity> {
    return this.db.write(async (em) => {
      const user = await this.users.findById(userId, em);
      if (!user?.requestedOrganisationId) {
        throw new AccountsError(
          AccountsErrorCode.NO_MEMBERSHIP_REQUEST,
          'This person has not asked to join an organisation, or the request was decided already.',
        );
      }
      const changes: Partial<UserEntity> = approve
        ? { organisationId: user.requestedOrganisationId, requestedOrganisationId: null }
        : { requestedOrganisationId: null };
      await this.users.update(userId, changes, em);
      return { ...user, ...changes };
    });
  }

  /** People by id, for other modules (notifications), optionally inside the caller's transaction. */
  async findUsers(ids: readonly string[], em?: EntityManager): Promise<UserEntity[]> {
    return this.users.findByIds([...new Set(ids)], em);
  }

  /**
   * Used by the demo seed, the CLI and test fixtures: trusted ways in, so the account is confirmed
   * unless `emailConfirmedAt` says otherwise.
   */
  async createUser(
    fields: Omit<NewUser, 'emailConfirmedAt'> & { emailConfirmedAt?: Date | null },
    password: string,
  ): Promise<UserEntity> {
    await this.assertOrganisationExists(fields.organisationId ?? undefined);
    await this.assertOrganisationExists(fields.requestedOrganisationId ?? undefined);
    const passwordHash = await this.hasher.hash(password);
    return this.db.write((em) =>
      this.insertUser(
        {
          ...fields,
          emailConfirmedAt: fields.emailConfirmedAt === undefined ? this.clock.now() : fields.emailConfirmedAt,
        },
        passwordHash,
        em,
      ),
    );
  }

  private async insertUser(
    fields: NewUser,
    passwordHash: string,
    em: Parameters<UsersRepository['insert']>[1],
  ): Promise<UserEntity> {
    const user = this.unsavedUser(fields, passwordHash);
    if (await this.users.findByEmail(user.email, em)) throw this.emailTaken();
    try {
      await this.users.insert(user, em);
    } catch (error) {
      if (isUniqueViolation(error)) throw this.emailTaken();
      throw error;
    }
    return user;
  }

  /** A user row as it would be stored; every way in (sign-up, invitation, the seed and CLI) comes here. */
  private unsavedUser(fields: NewUser, passwordHash: string): UserEntity {
    // E-mail goes to this address.
    if (!isEmail(fields.email) || fields.email.length > 254)
      throw CommonError.badInput('That is not an e-mail address.', { email: ['must be an e-mail address'] });
    return {
      id: randomUUID(),
      email: fields.email.toLowerCase(),
      displayName: fields.displayName.trim(),
      preferredLanguage: fields.language,
      passwordHash,
      roles: fields.roles,
      organisationId: fields.organisationId,
      requestedOrganisationId: fields.requestedOrganisationId ?? null,
      createdAt: this.clock.now(),
      shareEmail: false,
      emailConfirmedAt: fields.emailConfirmedAt,
    };
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
    const organisations = await this.organisations.findByIds([
      ...new Set(users.map((u) => u.organisationId).filter((id): id is string => id !== null)),
    ]);
    const kinds = new Map(organisations.map((o) => [o.id, o.kind]));
    return users.map((user) => ({
      user,
      organisationKind: user.organisationId ? (kinds.get(user.organisationId) ?? null) : null,
    }));
  }
}
