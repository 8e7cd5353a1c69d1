import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { SESSION_ZONE } from '../events/slot-grid';
import { MeetingChange, MeetingChangeListener, MeetingChangeListeners } from '../booking/meeting-change-listener';
import { ProfileEntity } from '../profiles/entities/profile.entity';
import { ProfilesService } from '../profiles/profiles.service';
import { MatchingError, MatchingErrorCode } from './matching.errors';
import { MatchingRepository } from './matching.repository';

/**
 * A link worker's referral places left this month (UK calendar month): their stated capacity per
 * month less the referral routes agreed in meetings held this month (follow-up actions of the
 * REFERRAL_ROUTE kind, not dropped). Never below 0; null when they state no capacity.
 */
@Injectable()
export class ReferralCapacity {
  constructor(
    private readonly matching: MatchingRepository,
    private readonly clock: Clock,
  ) {}

  /** By user id, for these profiles' owners who state a capacity. */
  async leftThisMonth(
    profiles: readonly Pick<ProfileEntity, 'userId' | 'referralCapacityPerMonth'>[],
    em?: EntityManager,
  ): Promise<Map<string, number>> {
    const stated = profiles.filter((p) => p.referralCapacityPerMonth !== null);
    if (stated.length === 0) return new Map();
    const month = DateTime.fromJSDate(this.clock.now(), { zone: SESSION_ZONE }).startOf('month');
    const used = await this.matching.referralRoutesAgreed(
      stated.map((p) => p.userId),
      month.toJSDate(),
      month.plus({ months: 1 }).toJSDate(),
      em,
    );
    return new Map(stated.map((p) => [p.userId, Math.max(0, p.referralCapacityPerMonth! - (used.get(p.userId) ?? 0))]));
  }
}

/**
 * Refuses a meeting request to a link worker with no referral places left this month who chose
 * not to take requests then (NO_REFERRAL_PLACES): a listener on booking's change events, inside the
 * request's transaction, so the refused request and its e-mails roll back whole.
 */
@Injectable()
export class RequestsWhenFull implements MeetingChangeListener, OnModuleInit {
  constructor(
    private readonly listeners: MeetingChangeListeners,
    private readonly profiles: ProfilesService,
    private readonly capacity: ReferralCapacity,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async meetingChanged(change: MeetingChange, em: EntityManager): Promise<void> {
    if (change.kind !== 'requested') return;
    const profile = (await this.profiles.findByUserIds([change.request.toUserId]))[0];
    if (!profile || profile.requestsWhenFull) return;
    const left = (await this.capacity.leftThisMonth([profile], em)).get(profile.userId);
    if (left === 0) {
      throw new MatchingError(
        MatchingErrorCode.NO_REFERRAL_PLACES,
        'This link worker has no referral places left this month and takes no requests until next month.',
        {
          userId: profile.userId,
        },
      );
    }
  }
}
