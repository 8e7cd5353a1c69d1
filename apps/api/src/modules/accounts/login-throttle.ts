import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';
import { AccountsError, AccountsErrorCode } from './accounts.errors';

/**
 * Login throttling with rate-limiter-flexible: failed attempts are counted per e-mail + client
 * address, and more loosely per client address alone (password spraying). A success clears the
 * per-account counter.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterMemory;
  private readonly perClient: RateLimiterMemory;

  constructor(config: AppConfig) {
    const duration = config.loginThrottleWindowSeconds;
    this.perAccount = new RateLimiterMemory({ points: config.loginAttemptsPerWindow, duration, keyPrefix: 'login-account' });
    this.perClient = new RateLimiterMemory({ points: config.loginAttemptsPerWindow * 10, duration, keyPrefix: 'login-client' });
  }

  async assertAllowed(email: string, client: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(this.key(email, client)), this.perClient.get(client)]);
    const blocked = [
      [account, this.perAccount.points],
      [address, this.perClient.points],
    ].find(([res, points]) => res !== null && (res as RateLimiterRes).consumedPoints >= (points as number)) as
      | [RateLimiterRes, number]
      | undefined;
    if (blocked) {
      const retryAfterSeconds = Math.ceil(blocked[0].msBeforeNext / 1000);
      throw new AccountsError(AccountsErrorCode.LOGIN_THROTTLED, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
        retryAfterSeconds,
      });
    }
  }

  async recordFailure(email: string, client: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(this.key(email, client), 1),
      this.perClient.penalty(client, 1),
    ]);
  }

  async recordSuccess(email: string, client: string): Promise<void> {
    await this.perAccount.delete(this.key(email, client));
  }

  private key(email: string, client: string): string {
    return `${email.toLowerCase()}|${client}`;
  }
}
