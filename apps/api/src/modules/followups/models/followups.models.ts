import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationKind } from '../../accounts/accounts.enums';
import { PageInfo } from '../../events/models/session.models';
import { EvidenceMethodEntity } from '../entities/evidence-method.entity';
import { FollowUpActionEntity } from '../entities/follow-up-action.entity';
import { FollowUpUpdateEntity } from '../entities/follow-up-update.entity';
import { MeetingFeedbackEntity } from '../entities/meeting-feedback.entity';
import { FollowUpKind, FollowUpStatus } from '../followups.enums';
import { OPEN_STATUSES } from '../followups-transitions';

registerEnumType(FollowUpKind, { name: 'FollowUpKind' });
registerEnumType(FollowUpStatus, { name: 'FollowUpStatus' });

@ObjectType({ description: 'Something a meeting’s participants agreed to do next, owned by one of them.' })
export class FollowUpAction {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  meetingId: string;

  @Field(() => FollowUpKind)
  kind: FollowUpKind;

  @Field()
  description: string;

  @Field({ description: 'YYYY-MM-DD, Europe/London.' })
  dueOn: string;

  @Field(() => FollowUpStatus)
  status: FollowUpStatus;

  @Field({ description: 'Still open (OPEN or IN_PROGRESS) and due before today (Europe/London).' })
  overdue: boolean;

  @Field(() => OrganisationKind, { nullable: true })
  referringOrganisationKind: OrganisationKind | null;

  @Field(() => String, { nullable: true })
  referringTeam: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  ownerId: string;
  createdById: string;

  static from(entity: FollowUpActionEntity, today: string): FollowUpAction {
    return Object.assign(new FollowUpAction(), {
      id: entity.id,
      meetingId: entity.meetingId,
      kind: entity.kind,
      description: entity.description,
      dueOn: entity.dueOn,
      status: entity.status,
      overdue: OPEN_STATUSES.includes(entity.status) && entity.dueOn < today,
      referringOrganisationKind: entity.referringOrganisationKind,
      referringTeam: entity.referringTeam,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
      closedAt: entity.closedAt,
      ownerId: entity.ownerId,
      createdById: entity.createdById,
    });
  }
}

@ObjectType({ description: 'One step of an action’s history: its creation, a status change or a hand-over.' })
export class FollowUpUpdate {
  @Field(() => ID)
  id: string;

  @Field(() => FollowUpStatus, { nullable: true, description: 'Null for the creation entry.' })
  fromStatus: FollowUpStatus | null;

  @Field(() => FollowUpStatus)
  toStatus: FollowUpStatus;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field()
  createdAt: Date;

  authorId: string;

  static from(entity: FollowUpUpdateEntity): FollowUpUpdate {
    return Object.assign(new FollowUpUpdate(), {
      id: entity.id,
      fromStatus: entity.fromStatus,
      toStatus: entity.toStatus,
      comment: entity.comment,
      createdAt: entity.createdAt,
      authorId: entity.authorId,
    });
  }
}

@ObjectType({
  description:
    'One participant’s feedback on a meeting. Its comment is shown to that participant and the session’s organisers only.',
})
export class MeetingFeedback {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  meetingId: string;

  @Field(() => Int)
  usefulness: number;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field()
  createdAt: Date;

  userId: string;

  static from(entity: MeetingFeedbackEntity): MeetingFeedback {
    return Object.assign(new MeetingFeedback(), {
      id: entity.id,
      meetingId: entity.meetingId,
      usefulness: entity.usefulness,
      comment: entity.comment,
      createdAt: entity.createdAt,
      userId: entity.userId,
    });
  }
}

@ObjectType({ description: 'How a practitioner evidences impact locally, in their own words.' })
export class EvidenceMethod {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => [String], { description: 'CONDITION codes.' })
  conditionCodes: string[];

  @Field(() => [String], { description: 'ART_FORM codes.' })
  artFormCodes: string[];

  @Field()
  shared: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  ownerId: string;

  static from(entity: EvidenceMethodEntity): EvidenceMethod {
    return Object.assign(new EvidenceMethod(), {
      id: entity.id,
      title: entity.title,
      description: entity.description,
      conditionCodes: entity.conditions,
      artFormCodes: entity.artForms,
      shared: entity.shared,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
      ownerId: entity.ownerId,
    });
  }
}

@ObjectType()
export class EvidenceMethodEdge {
  @Field()
  cursor: string;

  @Field(() => EvidenceMethod)
  node: EvidenceMethod;
}

@ObjectType()
export class EvidenceMethodConnection {
  @Field(() => [EvidenceMethodEdge])
  edges: EvidenceMethodEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
