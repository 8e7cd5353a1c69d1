import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';
import { AccountsError, AccountsErrorCode } from './accounts.errors';

/**
 * Login throttling with rate-limiter-flexible: attempts are counted per e-mail + client address,
 * and more loosely per client address alone (password spraying). A success clears the
 * per-account counter and gives the client its attempt back, so only failures add up.
 *
 * An attempt is taken from both budgets *before* the password is checked, in one atomic step
 * (`consume`). Checking first and counting the failure afterwards let parallel guesses all pass
 * the check while the first ones were still being verified.
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

  /** Takes one attempt from the account's and the client's budgets; LOGIN_THROTTLED when either is spent. */
  async acquire(email: string, client: string): Promise<void> {
    const results = await Promise.allSettled([this.perAccount.consume(this.key(email, client)), this.perClient.consume(client)]);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as unknown);
    if (refused.length === 0) return;
    const unexpected = refused.find((reason) => !(reason instanceof RateLimiterRes));
    if (unexpected) throw unexpected;
    const msBeforeNext = Math.max(...refused.map((reason) => (reason as RateLimiterRes).msBeforeNext));
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    throw new AccountsError(AccountsErrorCode.LOGIN_THROTTLED, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }

  async recordSuccess(email: string, client: string): Promise<void> {
    await Promise.all([this.perAccount.delete(this.key(email, client)), this.perClient.reward(client, 1)]);
  }

  private key(email: string, client: string): string {
    return `${email.toLowerCase()}|${client}`;
  }
}
