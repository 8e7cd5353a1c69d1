/**
 * @cyswllt/matching: pure TypeScript, no framework. Explained match scores and recommendations,
 * and the auto-scheduler with its independent checker.
 */
export { MatchingError, MatchingErrorCode } from './matching.errors';
export { SeededRandom } from './scheduler/random';

export { recommend } from './scoring/recommend';
export { NO_REFERRAL_CAPACITY_FACTOR, scoreMatch, validateParticipant, validateWeights } from './scoring/score-match';
export {
  COMMUNITY_ORGANISATION_KIND,
  DEFAULT_WEIGHTS,
  PARTICIPANT_KINDS,
  PROJECT_TERMS,
  WEIGHT_NAMES,
  WEIGHT_RANGE,
  WELSH_ABILITIES,
} from './scoring/scoring.types';
export type {
  MatchParticipant,
  MatchReason,
  MatchReasonCode,
  MatchScore,
  ParticipantKind,
  ProjectTerm,
  ReciprocityFigures,
  Recommendation,
  ScoringContext,
  ScoringWeights,
  WelshAbility,
} from './scoring/scoring.types';

export { schedule, scheduleAsync } from './scheduler/schedule';
export { checkSchedule } from './scheduler/check-schedule';
export type { ScheduleCheck, ScheduleViolation, ScheduleViolationCode } from './scheduler/check-schedule';
export { meetingValue } from './scheduler/schedule-instance';
export { fairnessFacts } from './scheduler/fairness';
export type { NoMeetingReason, PersonFairness } from './scheduler/fairness';
export { MEETING_TIERS, TIER_WEIGHTS } from './scheduler/schedule.types';
export type {
  CandidateMeeting,
  EmptyReason,
  FixedMeeting,
  HostCapacity,
  MeetingTier,
  ScheduleAssignment,
  ScheduleAsyncOptions,
  ScheduleInput,
  ScheduleObjective,
  ScheduleOptions,
  SchedulePerson,
  SchedulePhase,
  ScheduleProgress,
  ScheduleResult,
  ScheduleSlot,
  UnassignedCandidate,
  UnassignedReason,
} from './scheduler/schedule.types';
