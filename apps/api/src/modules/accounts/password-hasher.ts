import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's minimum (19 MiB, t=2, p=1). */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the e-mail is unknown, so response time does not reveal accounts. */
  private decoyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    try {
      this.decoyHash ??= this.hash('not-a-real-password');
      return await verify(passwordHash ?? (await this.decoyHash), password);
    } catch {
      return false;
    }
  }
}
