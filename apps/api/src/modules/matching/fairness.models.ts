import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ImpactCount, ImpactMeasure } from '../impact/models/impact.models';

export enum FairnessReasonEnum {
  NO_AVAILABILITY = 'NO_AVAILABILITY',
  NO_MUTUAL_SLOT = 'NO_MUTUAL_SLOT',
  CAPACITY = 'CAPACITY',
  DECLINED = 'DECLINED',
  NO_CANDIDATES = 'NO_CANDIDATES',
  NOT_YET_PLACED = 'NOT_YET_PLACED',
}
registerEnumType(FairnessReasonEnum, {
  name: 'FairnessReason',
  description:
    'Why someone has no meeting: free in no slot; no slot where both are free and the host has seats; such slots went to others; their requests were declined; nobody to meet (no request or strong recommendation); (a session) a meeting could still be placed.',
});

export enum FairnessDimensionEnum {
  ROLE = 'ROLE',
  REGION = 'REGION',
  CONDITION = 'CONDITION',
  WELSH_SPEAKER = 'WELSH_SPEAKER',
  FIRST_TIME = 'FIRST_TIME',
  INCLUSIVE_SPACE = 'INCLUSIVE_SPACE',
}
registerEnumType(FairnessDimensionEnum, { name: 'FairnessDimension' });

@ObjectType()
export class FairnessGroupModel {
  @Field(() => FairnessDimensionEnum)
  dimension: FairnessDimensionEnum;

  @Field({ description: 'A role, a region or condition code (NOT_STATED when none), or YES / NO.' })
  category: string;

  @Field(() => ImpactCount)
  people: ImpactCount;

  @Field(() => ImpactCount)
  withMeeting: ImpactCount;

  @Field(() => ImpactMeasure, { description: 'Share with at least one meeting, 0–1.' })
  coverage: ImpactMeasure;

  @Field(() => ImpactMeasure, {
    description: "A run: the scheduler's value of the meetings it planned, per person; a session: meetings per person.",
  })
  averageValue: ImpactMeasure;
}

@ObjectType()
export class FairnessReasonCount {
  @Field(() => FairnessReasonEnum)
  reason: FairnessReasonEnum;

  @Field(() => ImpactCount)
  people: ImpactCount;
}

@ObjectType()
export class FairnessWithoutMeeting {
  @Field(() => FairnessReasonEnum)
  reason: FairnessReasonEnum;

  userId: string;
}

@ObjectType('FairnessReport')
export class FairnessReportModel {
  @Field(() => ID)
  sessionId: string;

  @Field(() => ID, { nullable: true, description: 'Null for a session as it stands.' })
  runId: string | null;

  @Field(() => ImpactCount)
  people: ImpactCount;

  @Field(() => ImpactCount)
  withMeeting: ImpactCount;

  @Field(() => ImpactCount)
  withoutMeeting: ImpactCount;

  @Field(() => ImpactMeasure)
  coverage: ImpactMeasure;

  @Field(() => ImpactMeasure)
  averageValue: ImpactMeasure;

  @Field(() => [FairnessGroupModel])
  groups: FairnessGroupModel[];

  @Field(() => [FairnessReasonCount], { description: 'How many have no meeting, by reason (suppressed).' })
  reasons: FairnessReasonCount[];

  @Field(() => [FairnessWithoutMeeting], {
    description: "The people without a meeting and why: the organiser's working list (names, not published figures).",
  })
  withoutMeetingList: FairnessWithoutMeeting[];
}
