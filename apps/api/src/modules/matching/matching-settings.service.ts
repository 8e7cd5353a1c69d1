import { DEFAULT_WEIGHTS, ScoringWeights, validateWeights } from '@cyswllt/matching';
import { Injectable } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { EventsError, EventsErrorCode } from '../events/events.errors';
import { SessionsService } from '../events/sessions.service';
import { Vocabulary } from '../profiles/profiles.enums';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { ScheduleSettingsEntity } from './entities/schedule-settings.entity';
import { MatchingError } from './matching.errors';
import { MatchingRepository } from './matching.repository';

export const DEFAULT_RECOMMENDATIONS_PER_PERSON = 3;

export interface SettingsChange {
  weights?: Partial<ScoringWeights>;
  underServedRegions?: string[];
  recommendationsPerPerson?: number;
  lowerRepeatedNoShows?: boolean;
}

/** Per-session weights and equity choices; defaults until an organiser tunes them. */
@Injectable()
export class MatchingSettingsService {
  constructor(
    private readonly db: Database,
    private readonly repository: MatchingRepository,
    private readonly sessions: SessionsService,
    private readonly taxonomy: TaxonomyService,
    private readonly clock: Clock,
  ) {}

  async get(sessionId: string): Promise<ScheduleSettingsEntity> {
    return (
      (await this.repository.settings(sessionId)) ?? {
        sessionId,
        weights: { ...DEFAULT_WEIGHTS },
        underServedRegions: [],
        recommendationsPerPerson: DEFAULT_RECOMMENDATIONS_PER_PERSON,
        lowerRepeatedNoShows: false,
        updatedAt: new Date(0),
      }
    );
  }

  async update(actor: Actor, sessionId: string, change: SettingsChange): Promise<ScheduleSettingsEntity> {
    await this.ownedSession(actor, sessionId);
    const current = await this.get(sessionId);
    let weights: ScoringWeights;
    try {
      weights = validateWeights({ ...current.weights, ...change.weights });
    } catch (error) {
      throw MatchingError.fromLibrary(error);
    }
    if (change.underServedRegions) await this.taxonomy.assertCodes(Vocabulary.REGION, change.underServedRegions);
    const settings: ScheduleSettingsEntity = {
      sessionId,
      weights,
      underServedRegions: change.underServedRegions
        ? [...new Set(change.underServedRegions)]
        : current.underServedRegions,
      recommendationsPerPerson: change.recommendationsPerPerson ?? current.recommendationsPerPerson,
      lowerRepeatedNoShows: change.lowerRepeatedNoShows ?? current.lowerRepeatedNoShows,
      updatedAt: this.clock.now(),
    };
    await this.db.write((em) => this.repository.saveSettings(settings, em));
    return settings;
  }

  /** The session, if the actor organises it (or is an admin). */
  async ownedSession(actor: Actor, sessionId: string) {
    const session = await this.sessions.get(actor, sessionId);
    if (!this.sessions.isOrganiserOf(actor, session)) {
      throw new EventsError(EventsErrorCode.NOT_SESSION_ORGANISER, 'Only the session’s organiser can do this.', {
        sessionId,
      });
    }
    return session;
  }

  static notFound(id: string): CommonError {
    return CommonError.notFound('ScheduleRun', id);
  }
}
