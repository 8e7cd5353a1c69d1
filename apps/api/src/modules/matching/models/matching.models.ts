import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ScheduleRunStatus } from '../entities/schedule-run.entity';

registerEnumType(ScheduleRunStatus, { name: 'ScheduleRunStatus' });

@ObjectType({ description: 'One reason behind a recommendation, as a code and as text in the viewer’s language.' })
export class MatchReasonModel {
  @Field({
    description: 'SHARED_CONDITIONS, COMMISSIONS_IN_REGION, OFFERS_WHAT_YOU_NEED, BOTH_SPEAK_WELSH, NOT_MET_BEFORE, …',
  })
  code: string;

  @Field()
  textCy: string;

  @Field()
  textEn: string;

  @Field(() => [String], { description: 'Taxonomy codes the reason names, if any.' })
  codes: string[];
}

@ObjectType('Recommendation')
export class RecommendationModel {
  @Field(() => Float, { description: 'In [0, 1].' })
  score: number;

  @Field(() => [MatchReasonModel])
  reasons: MatchReasonModel[];

  userId: string;
}

@ObjectType('ScheduleWeights')
export class ScheduleWeightsModel {
  @Field(() => Float) conditionOverlap: number;
  @Field(() => Float) region: number;
  @Field(() => Float) language: number;
  @Field(() => Float) offersNeeds: number;
  @Field(() => Float) novelty: number;
  @Field(() => Float) equity: number;
}

@ObjectType('ScheduleSettings')
export class ScheduleSettingsModel {
  @Field(() => ID)
  sessionId: string;

  @Field(() => ScheduleWeightsModel)
  weights: ScheduleWeightsModel;

  @Field(() => [String])
  underServedRegions: string[];

  @Field(() => Int)
  recommendationsPerPerson: number;

  @Field({
    description:
      'The auto-schedule lowers the priority (within their tier) of people with repeated undisputed no-shows in the last year.',
  })
  lowerRepeatedNoShows: boolean;
}

@ObjectType('ScheduleProgress')
export class ScheduleProgressModel {
  @Field() phase: string;
  @Field(() => Float) fraction: number;
  @Field(() => Int, { nullable: true }) practitionersWithMeeting: number | null;
  @Field(() => Int, { nullable: true }) assignedCount: number | null;
  @Field(() => Int, { nullable: true }) elapsedMs: number | null;
}

@ObjectType('DraftMeeting')
export class DraftMeetingModel {
  @Field(() => [String], {
    description: 'Why each guest is here: ACCEPTED, MUTUAL_REQUEST, ONE_SIDED_REQUEST, RECOMMENDED.',
  })
  tiers: string[];

  @Field({ description: 'CONFIRMED when every pair had agreed (accepted requests); PROPOSED otherwise.' })
  willBe: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Re-optimising: the proposal (nobody had agreed to it) this meeting moves; null for a new meeting.',
  })
  movesMeetingId: string | null;

  slotId: string;
  hostId: string;
  guestIds: string[];
  thirdPartyId: string | null;
  movedFromSlotId: string | null;
}

@ObjectType('DraftProposalChange', { description: 'A proposal nobody had agreed to, moved or dropped by a new draft.' })
export class DraftProposalChangeModel {
  @Field(() => ID) meetingId: string;
  fromSlotId: string;
  toSlotId: string | null;
  hostId: string;
  guestIds: string[];
}

@ObjectType('DraftUnplaced')
export class DraftUnplacedModel {
  @Field() tier: string;
  @Field({ description: 'NO_COMMON_SLOT, PERSON_BUSY, HOST_FULL or REPEATED_PAIR.' }) reason: string;
  hostId: string;
  guestId: string;
}

@ObjectType('LowerPriorityPerson')
export class LowerPriorityPersonModel {
  @Field(() => Int, { description: 'Their undisputed no-shows in the last year.' }) noShows: number;
  userId: string;
}

@ObjectType('ScheduleDraft')
export class ScheduleDraftModel {
  @Field(() => [DraftMeetingModel]) meetings: DraftMeetingModel[];
  @Field(() => [DraftUnplacedModel]) unplaced: DraftUnplacedModel[];
  @Field(() => Int) practitionersWithMeeting: number;
  @Field(() => Int) practitionersTotal: number;
  @Field(() => String, { nullable: true, description: 'Why there was nothing to schedule, if so.' }) emptyReason:
    string | null;
  @Field(() => [LowerPriorityPersonModel], {
    description: 'People whose candidates the run ranked lower for repeated no-shows (the session’s setting).',
  })
  lowerPriority: LowerPriorityPersonModel[];
  @Field(() => [DraftProposalChangeModel], {
    description: 'Proposals nobody had agreed to that publishing moves (same calendar event, its people told).',
  })
  moved: DraftProposalChangeModel[];
  @Field(() => [DraftProposalChangeModel], {
    description: 'Proposals nobody had agreed to that publishing cancels (its people told).',
  })
  dropped: DraftProposalChangeModel[];
  @Field(() => Int, { description: 'Proposals nobody had agreed to that stay where they are.' })
  keptProposals: number;
  @Field(() => Int, {
    description: 'Meetings someone agreed to (CONFIRMED ones among them): never moved by the auto-schedule.',
  })
  fixedMeetings: number;
  practitionersWithoutMeetingIds: string[];
}

@ObjectType('ScheduleRun')
export class ScheduleRunModel {
  @Field(() => ID) id: string;
  @Field(() => ID) sessionId: string;
  @Field(() => ScheduleRunStatus) status: ScheduleRunStatus;
  @Field(() => ScheduleProgressModel) progress: ScheduleProgressModel;
  @Field(() => ScheduleDraftModel, { nullable: true }) draft: ScheduleDraftModel | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

@ObjectType('PublishedSchedule')
export class PublishedScheduleModel {
  @Field(() => ScheduleRunModel) run: ScheduleRunModel;
  @Field(() => [ID]) meetingIds: string[];
}
