import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { AccessError } from './access.errors';
import { AccessNeed, isEmpty, needsList, needsText, noteText } from './access-needs';
import { AccessNeedsRepository, MeetingNeedsRow, NeedsTarget } from './access-needs.repository';

export interface NeedsValue {
  needs: AccessNeed[];
  note: string | null;
  consentedAt: Date;
}

export interface NeedsGiven {
  needs: readonly string[];
  note?: string | null;
  consent: boolean;
}

/**
 * Access needs (docs/interpretation-and-access.md): kept on a person's profile and per meeting,
 * only with their explicit consent. Who may read a meeting's needs is decided by the rooms module
 * (organisers and the assigned interpreter); this service only stores and returns them.
 */
@Injectable()
export class AccessNeedsService {
  constructor(
    private readonly db: Database,
    private readonly repo: AccessNeedsRepository,
    private readonly clock: Clock,
  ) {}

  async profile(actor: Actor): Promise<NeedsValue | null> {
    const row = await this.repo.profile(actor.id);
    return row ? { needs: needsList(row.needs), note: row.note, consentedAt: row.consentedAt } : null;
  }

  /** Keeps the needs on the profile (with consent); nothing asked for clears them. */
  async saveProfile(actor: Actor, given: NeedsGiven): Promise<NeedsValue | null> {
    if (isEmpty(given.needs, given.note)) {
      await this.db.write((em) => this.repo.deleteProfile(actor.id, em));
      return null;
    }
    if (!given.consent) throw AccessError.consentRequired();
    const row = {
      userId: actor.id,
      needs: needsText(given.needs),
      note: noteText(given.note),
      consentedAt: this.clock.now(),
    };
    await this.db.write((em) => this.repo.saveProfile(row, em));
    return { needs: needsList(row.needs), note: row.note, consentedAt: row.consentedAt };
  }

  /** Withdrawing consent deletes the profile's needs and every meeting's needs of the person. */
  async withdraw(actor: Actor): Promise<boolean> {
    await this.db.write((em) => this.repo.deleteAllOf(actor.id, em));
    return true;
  }

  /**
   * Inside a booking's transaction: the person's needs for this meeting (or request). Nothing
   * given leaves what is there; given with nothing asked for clears it; else consent is required.
   */
  async recordIn(
    em: EntityManager,
    userId: string,
    target: NeedsTarget,
    given: NeedsGiven | undefined | null,
  ): Promise<void> {
    if (!given) return;
    if (isEmpty(given.needs, given.note)) return this.repo.setForMeeting(userId, target, null, em);
    if (!given.consent) throw AccessError.consentRequired();
    await this.repo.setForMeeting(
      userId,
      target,
      { needs: needsText(given.needs), note: noteText(given.note), consentedAt: this.clock.now() },
      em,
    );
  }

  /** Checks consent before a booking's transaction starts, so a refusal changes nothing. */
  assertConsent(given: NeedsGiven | undefined | null): void {
    if (given && !isEmpty(given.needs, given.note) && !given.consent) throw AccessError.consentRequired();
  }

  /** Everyone's needs for the meeting; the caller has checked who may see them. */
  async ofMeeting(meetingId: string): Promise<(Omit<MeetingNeedsRow, 'needs'> & { needs: AccessNeed[] })[]> {
    return (await this.repo.ofMeeting(meetingId)).map((r) => ({ ...r, needs: needsList(r.needs) }));
  }

  /** One person's own needs for the meeting (theirs to see), or null. */
  async mineFor(userId: string, meetingId: string): Promise<AccessNeed[] | null> {
    const row = (await this.repo.ofMeeting(meetingId)).find((r) => r.userId === userId);
    return row ? needsList(row.needs) : null;
  }
}
