import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { installationSecret } from '../../config/installation-secret';
import { ESSENTIAL_KINDS, NotificationKind } from './notifications.enums';

export interface UnsubscribeTarget {
  userId: string;
  kind: NotificationKind;
}

/**
 * One-click unsubscribe links (RFC 8058) for optional e-mails: `<PUBLIC_URL>/unsubscribe/<token>`,
 * the token being "<user id>.<kind>.<HMAC-SHA256 of both under MAIL_SIGNING_KEY>" (base64url). It
 * needs no login and no stored state, cannot be guessed, and any change to it breaks the
 * signature. Essential kinds get no link. The key is MAIL_SIGNING_KEY; outside production without
 * it, this installation's own random key (kept in its data folder); in production without it, none.
 */
@Injectable()
export class UnsubscribeLinks implements OnModuleInit {
  private readonly secret: string | undefined;

  constructor(private readonly config: AppConfig) {
    this.secret =
      config.mailSigningKey ?? (config.isProduction ? undefined : installationSecret(config, 'mail-signing.key'));
  }

  onModuleInit(): void {
    if (!this.secret)
      new Logger(UnsubscribeLinks.name).warn(
        'MAIL_SIGNING_KEY is not set: optional e-mails go out without a one-click unsubscribe link.',
      );
  }

  /** The link for this person and kind, or null (an essential kind, or no signing key). */
  url(target: UnsubscribeTarget): string | null {
    if (ESSENTIAL_KINDS.has(target.kind) || !this.secret) return null;
    const payload = `${target.userId}.${target.kind}`;
    return `${this.config.publicUrl.replace(/\/$/, '')}/unsubscribe/${payload}.${this.sign(payload)}`;
  }

  /** Who and what a token unsubscribes, or null when it was not signed here (or names an essential kind). */
  verify(token: string): UnsubscribeTarget | null {
    const match = /^([0-9a-f-]{36})\.([A-Z_]{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match || !this.secret) return null;
    const [, userId, kind, signature] = match;
    const expected = Buffer.from(this.sign(`${userId}.${kind}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (
      !Object.values(NotificationKind).includes(kind as NotificationKind) ||
      ESSENTIAL_KINDS.has(kind as NotificationKind)
    )
      return null;
    return { userId, kind: kind as NotificationKind };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret!).update(`unsubscribe:${payload}`).digest('base64url');
  }
}
