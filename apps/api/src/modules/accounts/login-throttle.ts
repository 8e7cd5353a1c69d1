import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config';
import { AccountsError, AccountsErrorCode } from './accounts.errors';

/**
 * Attempts counted per e-mail + client address, and more loosely per client address alone
 * (password spraying). A success clears the per-account counter and gives the client its attempt
 * back, so only failures add up.
 *
 * An attempt is taken from both budgets *before* the password is checked, in one atomic step
 * (`consume`). Checking first and counting the failure afterwards let parallel guesses all pass
 * the check while the first ones were still being verified.
 */
class AttemptBudgets {
  private readonly perAccount: RateLimiterMemory;
  private readonly perClient: RateLimiterMemory;

  constructor(points: number, duration: number, keyPrefix: string) {
    this.perAccount = new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}-account` });
    this.perClient = new RateLimiterMemory({ points: points * 10, duration, keyPrefix: `${keyPrefix}-client` });
  }

  /** Takes one attempt from the account's and the client's budgets; LOGIN_THROTTLED when either is spent. */
  async acquire(email: string, client: string): Promise<void> {
    const results = await Promise.allSettled([
      this.perAccount.consume(this.key(email, client)),
      this.perClient.consume(client),
    ]);
    const refused = results
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => result.reason as unknown);
    if (refused.length === 0) return;
    const unexpected = refused.find((reason) => !(reason instanceof RateLimiterRes));
    if (unexpected) throw unexpected;
    const msBeforeNext = Math.max(...refused.map((reason) => (reason as RateLimiterRes).msBeforeNext));
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    throw new AccountsError(
      AccountsErrorCode.LOGIN_THROTTLED,
      `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
      {
        retryAfterSeconds,
      },
    );
  }

  async recordSuccess(email: string, client: string): Promise<void> {
    await Promise.all([this.perAccount.delete(this.key(email, client)), this.perClient.reward(client, 1)]);
  }

  private key(email: string, client: string): string {
    return `${email.toLowerCase()}|${client}`;
  }
}

/**
 * Login throttling with rate-limiter-flexible, and the same for password-reset requests, for
 * sign-ups and for new confirmation links (each may send an e-mail: separate budgets, so neither can be used to lock someone out
 * of logging in).
 */
@Injectable()
export class LoginThrottle {
  private readonly login: AttemptBudgets;
  private readonly reset: AttemptBudgets;
  private readonly signUp: AttemptBudgets;
  private readonly confirmation: AttemptBudgets;

  constructor(config: AppConfig) {
    this.login = new AttemptBudgets(config.loginAttemptsPerWindow, config.loginThrottleWindowSeconds, 'login');
    this.reset = new AttemptBudgets(config.loginAttemptsPerWindow, config.loginThrottleWindowSeconds, 'password-reset');
    this.signUp = new AttemptBudgets(config.loginAttemptsPerWindow, config.loginThrottleWindowSeconds, 'sign-up');
    this.confirmation = new AttemptBudgets(
      config.loginAttemptsPerWindow,
      config.loginThrottleWindowSeconds,
      'email-confirmation',
    );
  }

  acquire(email: string, client: string): Promise<void> {
    return this.login.acquire(email, client);
  }

  recordSuccess(email: string, client: string): Promise<void> {
    return this.login.recordSuccess(email, client);
  }

  /** One password-reset request from this client for this address; LOGIN_THROTTLED when too many. */
  acquireReset(email: string, client: string): Promise<void> {
    return this.reset.acquire(email, client);
  }

  /** One sign-up from this client for this address; LOGIN_THROTTLED when too many. */
  acquireSignUp(email: string, client: string): Promise<void> {
    return this.signUp.acquire(email, client);
  }

  /** One request for a new e-mail confirmation link; LOGIN_THROTTLED when too many. */
  acquireConfirmation(email: string, client: string): Promise<void> {
    return this.confirmation.acquire(email, client);
  }
}
