import { fairnessFacts, PersonFairness } from '@cyswllt/matching';
import { Injectable } from '@nestjs/common';
import { Actor } from '../../core/auth/role';
import { MeetingsService } from '../booking/meetings.service';
import { RequestsService } from '../booking/requests.service';
import { FairnessFigures, fairnessFigures, FairnessPerson, FairnessReason } from '../impact/fairness-figures';
import { MatchingSettingsService } from './matching-settings.service';
import { MatchingError, MatchingErrorCode } from './matching.errors';
import { ScheduleDraft } from './schedule-draft';
import { SchedulingService } from './scheduling.service';
import { SessionPeopleService } from './session-people.service';

/** A fairness report: the suppressed figures, and (for the organiser) who has no meeting and why. */
export interface FairnessReportData {
  sessionId: string;
  runId: string | null;
  figures: FairnessFigures;
  withoutMeeting: { userId: string; reason: FairnessReason }[];
}

/** Welsh speakers: conversational or fluent (learners are not counted as speakers). */
const WELSH_SPEAKING = new Set(['CONVERSATIONAL', 'FLUENT']);

/**
 * Issue #23, point 3: for an auto-schedule run (the meetings it planned, their value, and the
 * scheduler's reasons) or a session as it stands (its meetings; for the others, what stands in
 * the way of their requests and recommendations), coverage and average value by role, region,
 * condition, Welsh speaking, first time and inclusive space, and who has no meeting and why.
 */
@Injectable()
export class FairnessService {
  constructor(
    private readonly settings: MatchingSettingsService,
    private readonly scheduling: SchedulingService,
    private readonly people: SessionPeopleService,
    private readonly meetings: MeetingsService,
    private readonly requests: RequestsService,
  ) {}

  /** Rule: the run's session's organiser (or an admin); a READY or PUBLISHED run made since the report exists. */
  async forRun(actor: Actor, runId: string): Promise<FairnessReportData> {
    const run = await this.scheduling.get(actor, runId);
    const draft = run.draft ? (JSON.parse(run.draft) as ScheduleDraft) : null;
    if (!draft?.fairness)
      throw new MatchingError(
        MatchingErrorCode.SCHEDULE_NOT_READY,
        'This run has no fairness report: it is not ready, or was made before the report existed.',
        { status: run.status },
      );
    return { ...(await this.report(run.sessionId, draft.fairness, false)), runId: run.id };
  }

  /** Rule: the session's organiser (or an admin). */
  async forSession(actor: Actor, sessionId: string): Promise<FairnessReportData> {
    await this.settings.ownedSession(actor, sessionId);
    const { input } = await this.scheduling.buildInput(sessionId, { asItStands: true });
    return this.report(sessionId, fairnessFacts(input), true);
  }

  private async report(sessionId: string, facts: PersonFairness[], asItStands: boolean): Promise<FairnessReportData> {
    const [people, here, declined] = await Promise.all([
      this.people.ofSession(sessionId),
      this.meetings.heldOrLiveInSession(sessionId),
      this.requests.peopleInDeclined(sessionId),
    ]);
    const hereCount = new Map<string, number>();
    for (const { participants } of here)
      for (const p of participants) hereCount.set(p.userId, (hereCount.get(p.userId) ?? 0) + 1);
    const byId = new Map(people.map((p) => [p.userId, p]));
    const rows: FairnessPerson[] = [];
    for (const f of facts) {
      const person = byId.get(f.personId);
      if (!person) continue; // left the session since the run
      const m = person.match;
      // The scheduler never sees declined requests: someone with nothing left to schedule whose request was declined.
      const reason: FairnessReason | null =
        f.reason === 'NO_CANDIDATES' && declined.has(f.personId) ? 'DECLINED' : f.reason;
      rows.push({
        id: f.personId,
        role: person.kind,
        regions: [...m.regions],
        conditions: [...m.conditions],
        welshSpeaker: WELSH_SPEAKING.has(m.welshAbility),
        firstTime: m.meetingsSoFar - (hereCount.get(f.personId) ?? 0) <= 0,
        inclusiveSpace: m.inclusiveSpace,
        meetings: f.meetings,
        // A session's value is its meetings per person; a run's, the scheduler's value of what it planned.
        value: asItStands ? f.meetings : f.value,
        reason,
      });
    }
    return {
      sessionId,
      runId: null,
      figures: fairnessFigures(rows),
      withoutMeeting: rows.filter((r) => r.reason !== null).map((r) => ({ userId: r.id, reason: r.reason! })),
    };
  }
}
