import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvitationEntity } from './entities/invitation.entity';

/** An invitation was created; `url` carries its secret token (only its hash is stored). */
export interface InvitationCreated {
  invitation: InvitationEntity;
  url: string;
}

/** A password reset was requested for an existing account; `url` carries the secret token (only its hash is stored). */
export interface PasswordResetRequested {
  userId: string;
  url: string;
  expiresAt: Date;
}

/** A new account's e-mail confirmation link (at sign-up, or asked for again); `url` carries the secret token. */
export interface EmailConfirmationRequested {
  userId: string;
  url: string;
  expiresAt: Date;
}

/** Someone tried to sign up with the address of an existing account (told to its holder, not to them). */
export interface SignUpAttempted {
  userId: string;
}

export interface InvitationListener {
  invitationCreated(event: InvitationCreated, em: EntityManager): Promise<void>;
  passwordResetRequested(event: PasswordResetRequested, em: EntityManager): Promise<void>;
  signUpAttempted(event: SignUpAttempted, em: EntityManager): Promise<void>;
  emailConfirmationRequested(event: EmailConfirmationRequested, em: EntityManager): Promise<void>;
}

/**
 * Who hears of new invitations, password-reset requests, confirmation links and sign-ups with a taken address
 * (notifications: their e-mails), told
 * inside the transaction that stores the invitation or link, so the e-mail commits or rolls back
 * with it. Accounts knows nothing
 * of its listeners, which keeps the module graph one-way.
 */
@Injectable()
export class InvitationListeners {
  private readonly listeners: InvitationListener[] = [];

  register(listener: InvitationListener): void {
    this.listeners.push(listener);
  }

  async emit(event: InvitationCreated, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.invitationCreated(event, em);
  }

  async emitPasswordReset(event: PasswordResetRequested, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.passwordResetRequested(event, em);
  }

  async emitSignUpAttempt(event: SignUpAttempted, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.signUpAttempted(event, em);
  }

  async emitEmailConfirmation(event: EmailConfirmationRequested, em: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener.emailConfirmationRequested(event, em);
  }
}
