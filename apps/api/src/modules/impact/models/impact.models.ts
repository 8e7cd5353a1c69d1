import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SuppressionReason {
  /** A count of 1–4, shown as "<5". */
  SMALL_NUMBER = 'SMALL_NUMBER',
  /** Hidden so that a hidden count cannot be worked out from the totals beside it; shown as "[c]". */
  SECONDARY = 'SECONDARY',
  /** A mean or median over fewer than 5 answers, or over a count that is itself hidden. */
  TOO_FEW = 'TOO_FEW',
}
registerEnumType(SuppressionReason, { name: 'SuppressionReason' });

export enum ReachDimension {
  REGION = 'REGION',
  CONDITION = 'CONDITION',
  ART_FORM = 'ART_FORM',
  ORGANISATION_KIND = 'ORGANISATION_KIND',
  INCLUSIVE_SPACE = 'INCLUSIVE_SPACE',
  PROJECT_TERM = 'PROJECT_TERM',
}
registerEnumType(ReachDimension, { name: 'ReachDimension' });

export enum ReciprocityDimension {
  ROLE = 'ROLE',
  REGION = 'REGION',
  CONDITION = 'CONDITION',
}
registerEnumType(ReciprocityDimension, { name: 'ReciprocityDimension' });

@ObjectType({ description: 'A published count: the number, or no number at all when it is suppressed.' })
export class ImpactCount {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  value: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => SuppressionReason, { nullable: true })
  reason: SuppressionReason | null;

  @Field({ description: 'What to show: the number, "<5" (1–4) or "[c]" (hidden so no other cell can be worked out).' })
  display: string;
}

@ObjectType({
  description: 'A published mean, median or share; null value when suppressed or when there is nothing to measure.',
})
export class ImpactMeasure {
  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => SuppressionReason, { nullable: true })
  reason: SuppressionReason | null;

  @Field({ description: 'The value rounded for display, "[c]" when suppressed, "–" when there is nothing to measure.' })
  display: string;
}

@ObjectType()
export class ImpactRow {
  @Field({
    description:
      'A taxonomy code, an enum value (MeetingStatus, FollowUpKind, OrganisationKind, ProjectTerm, YES/NO) or NOT_STATED.',
  })
  key: string;

  @Field(() => String, { nullable: true, description: 'Taxonomy rows only.' })
  labelCy: string | null;

  @Field(() => String, { nullable: true, description: 'Taxonomy rows only.' })
  labelEn: string | null;

  @Field(() => ImpactCount)
  count: ImpactCount;
}

@ObjectType({
  description:
    'Reach by one profile field. For REGION, CONDITION and ART_FORM a person counts under each of their codes, so rows may add up to more than the reach.',
})
export class ImpactBreakdown {
  @Field(() => ReachDimension)
  dimension: ReachDimension;

  @Field(() => [ImpactRow])
  rows: ImpactRow[];
}

@ObjectType()
export class ImpactFollowUpRow {
  @Field({ description: 'FollowUpKind' })
  kind: string;

  @Field(() => ImpactCount)
  created: ImpactCount;

  @Field(() => ImpactCount)
  done: ImpactCount;
}

@ObjectType()
export class ImpactRequests {
  @Field(() => ImpactCount, { description: 'Requests sent, less those withdrawn by their senders.' })
  total: ImpactCount;

  @Field(() => ImpactCount, { description: 'ACCEPTED or DECLINED.' })
  answered: ImpactCount;

  @Field(() => ImpactCount, { description: 'Still PENDING, or EXPIRED at the session start.' })
  unanswered: ImpactCount;

  @Field(() => ImpactMeasure, { description: 'unanswered / total, 0–1.' })
  shareUnanswered: ImpactMeasure;

  @Field(() => ImpactMeasure)
  medianHoursToAnswer: ImpactMeasure;
}

@ObjectType({
  description:
    'Link workers who took part: referral capacity per month on their profiles, and referral routes agreed in meetings they were in.',
})
export class ImpactLinkWorkers {
  @Field(() => ImpactCount)
  linkWorkers: ImpactCount;

  @Field(() => ImpactCount)
  capacityOffered: ImpactCount;

  @Field(() => ImpactCount)
  capacityUsed: ImpactCount;
}

@ObjectType()
export class ImpactFeedback {
  @Field(() => ImpactCount)
  answers: ImpactCount;

  @Field(() => ImpactMeasure, { description: 'Mean usefulness 1–5; suppressed under 5 answers.' })
  meanUsefulness: ImpactMeasure;
}

@ObjectType({ description: 'One session of the dashboard, in time order.' })
export class ImpactTrendRow {
  @Field(() => ID)
  sessionId: string;

  @Field()
  titleCy: string;

  @Field()
  titleEn: string;

  @Field()
  startsAt: Date;

  @Field(() => ImpactCount)
  reach: ImpactCount;

  @Field(() => [ImpactRow], { description: 'Meetings by MeetingStatus.' })
  meetings: ImpactRow[];

  @Field(() => ImpactCount)
  meetingsTotal: ImpactCount;

  @Field(() => ImpactCount)
  followUpsCreated: ImpactCount;

  @Field(() => ImpactCount)
  referralRoutes: ImpactCount;

  @Field(() => ImpactCount)
  feedbackAnswers: ImpactCount;

  @Field(() => ImpactMeasure)
  meanUsefulness: ImpactMeasure;
}

@ObjectType({
  description:
    'Hours given and received by the people in one row; the hours are shown only when that count is shown and at least 5.',
})
export class ImpactReciprocityRow {
  @Field({ description: 'PRACTITIONER / COMMISSIONER / LINK_WORKER, a taxonomy code, or NOT_STATED.' })
  key: string;

  @Field(() => String, { nullable: true, description: 'Taxonomy rows only.' })
  labelCy: string | null;

  @Field(() => String, { nullable: true, description: 'Taxonomy rows only.' })
  labelEn: string | null;

  @Field(() => ImpactCount, { description: 'People credited with held meetings.' })
  people: ImpactCount;

  @Field(() => ImpactMeasure)
  hoursGiven: ImpactMeasure;

  @Field(() => ImpactMeasure)
  hoursReceived: ImpactMeasure;
}

@ObjectType({
  description: 'The reciprocity ledger by one field. A person counts under each of their roles, regions or conditions.',
})
export class ImpactReciprocityBreakdown {
  @Field(() => ReciprocityDimension)
  dimension: ReciprocityDimension;

  @Field(() => [ImpactReciprocityRow])
  rows: ImpactReciprocityRow[];
}

@ObjectType({
  description:
    'Hours given and received in the held meetings of the selected sessions (see docs/reciprocity-and-fairness.md).',
})
export class ImpactReciprocity {
  @Field(() => ImpactCount)
  people: ImpactCount;

  @Field(() => ImpactMeasure)
  hoursGiven: ImpactMeasure;

  @Field(() => ImpactMeasure)
  hoursReceived: ImpactMeasure;

  @Field(() => [ImpactReciprocityBreakdown])
  by: ImpactReciprocityBreakdown[];
}

@ObjectType({
  description: 'One link worker’s distinct organisations with referral routes agreed, by the end of each period.',
})
export class ImpactLinkWorkerReachRow {
  @Field(() => ID)
  linkWorkerId: string;

  @Field()
  displayName: string;

  @Field(() => [ImpactCount], { description: 'One per period of ImpactLinkWorkerReach.periods, cumulative.' })
  organisations: ImpactCount[];

  @Field(() => ImpactCount, { description: 'New organisations in the latest period.' })
  growth: ImpactCount;
}

@ObjectType({
  description:
    'HARP recommendation 3: how many distinct organisations each link worker has agreed referral routes with, per month.',
})
export class ImpactLinkWorkerReach {
  @Field(() => [String], {
    description: 'Calendar months (YYYY-MM, UK time) in which any route was agreed, oldest first.',
  })
  periods: string[];

  @Field(() => [ImpactLinkWorkerReachRow])
  rows: ImpactLinkWorkerReachRow[];
}

@ObjectType({
  description: 'Impact figures over a set of sessions, every count suppressed together (see docs/features/impact.md).',
})
export class ImpactDashboard {
  @Field(() => Int)
  sessionCount: number;

  @Field(() => ImpactCount, {
    description: 'Distinct people in at least one meeting that took place (IN_PROGRESS or COMPLETED).',
  })
  reach: ImpactCount;

  @Field(() => [ImpactBreakdown])
  reachBy: ImpactBreakdown[];

  @Field(() => [ImpactRow], { description: 'Meetings by MeetingStatus.' })
  meetings: ImpactRow[];

  @Field(() => ImpactCount)
  meetingsTotal: ImpactCount;

  @Field(() => ImpactRequests)
  requests: ImpactRequests;

  @Field(() => [ImpactFollowUpRow])
  followUps: ImpactFollowUpRow[];

  @Field(() => ImpactCount)
  followUpsCreated: ImpactCount;

  @Field(() => ImpactCount)
  followUpsDone: ImpactCount;

  @Field(() => ImpactCount, { description: 'REFERRAL_ROUTE follow-ups not DROPPED.' })
  referralRoutes: ImpactCount;

  @Field(() => [ImpactRow], {
    description: 'Referral routes by the kind of referring organisation (OrganisationKind or NOT_STATED).',
  })
  referralRoutesBy: ImpactRow[];

  @Field(() => ImpactLinkWorkers)
  linkWorkers: ImpactLinkWorkers;

  @Field(() => ImpactFeedback)
  feedback: ImpactFeedback;

  @Field(() => [ImpactTrendRow])
  trends: ImpactTrendRow[];

  @Field(() => ImpactReciprocity)
  reciprocity: ImpactReciprocity;

  @Field(() => ImpactLinkWorkerReach)
  linkWorkerReach: ImpactLinkWorkerReach;
}
