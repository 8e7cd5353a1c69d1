import { Injectable } from '@nestjs/common';
import { Actor, Language } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { ErasedPerson, PersonalDataRegistry } from '../../core/privacy/personal-data';
import { AccountsError, AccountsErrorCode } from './accounts.errors';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** How an erased person is shown from then on, to everyone, in both languages. */
export const ANONYMOUS_NAME: Record<Language, string> = { cy: 'Cyn-gyfranogwr', en: 'Former participant' };
export const ANONYMOUS_DISPLAY_NAME = `${ANONYMOUS_NAME.cy} / ${ANONYMOUS_NAME.en}`;

export const EXPORT_FORMAT = 'cyswllt-my-data/1';

/**
 * A person's own data (docs/architecture.md#security-and-privacy): "download my data" gathers every module's part; "erase my
 * account" lets every module remove its part, in one transaction, after the password and a typed
 * confirmation. What each module keeps and removes is documented on its PersonalDataContributor.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly registry: PersonalDataRegistry,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  async exportFor(userId: string): Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = { format: EXPORT_FORMAT, exportedAt: this.clock.now().toISOString(), userId };
    for (const contributor of this.registry.all()) data[contributor.section] = await contributor.exportFor(userId);
    return data;
  }

  /**
   * Rules: the password must match (INVALID_CREDENTIALS, throttled like logIn) and the confirmation
   * must be the account's e-mail address (ERASURE_NOT_CONFIRMED); a module may refuse
   * (ERASURE_BLOCKED, e.g. an organiser's sessions still to run). Nothing changes on any refusal.
   */
  async eraseAccount(actor: Actor, password: string, confirmation: string, client: string): Promise<void> {
    await this.throttle.acquire(actor.email, client);
    const user = await this.users.findById(actor.id);
    if (!user || !(await this.hasher.verify(user.passwordHash, password))) {
      throw new AccountsError(AccountsErrorCode.INVALID_CREDENTIALS, 'That password is not right.');
    }
    await this.throttle.recordSuccess(actor.email, client);
    if (confirmation.trim().toLowerCase() !== user.email) {
      throw new AccountsError(AccountsErrorCode.ERASURE_NOT_CONFIRMED, 'Type your e-mail address exactly to confirm.');
    }
    const person: ErasedPerson = {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      anonymousName: ANONYMOUS_DISPLAY_NAME,
      at: this.clock.now(),
      ownWords: [],
    };
    await this.db.write(async (em) => {
      const contributors = this.registry.all();
      const blockers = [];
      for (const contributor of contributors)
        blockers.push(...((await contributor.erasureBlockers?.(user.id, em)) ?? []));
      if (blockers.length > 0) {
        throw new AccountsError(
          AccountsErrorCode.ERASURE_BLOCKED,
          'Your account cannot be erased yet: hand over or cancel what is listed first.',
          { blockers },
        );
      }
      for (const contributor of contributors) await contributor.erase(person, em);
    });
  }
}
