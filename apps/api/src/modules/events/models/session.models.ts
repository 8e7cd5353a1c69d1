import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SessionProposalEntity } from '../entities/session-proposal.entity';
import { SlotEntity } from '../entities/slot.entity';
import { ThemedSessionEntity } from '../entities/themed-session.entity';
import { BackingKind, DeliveryLanguage, ProposalStatus, SessionStatus, SessionTheme } from '../events.enums';
import { ProposalCommentEntity } from '../entities/proposal-support.entity';
import { GridSlot, ukTimeLabel } from '../slot-grid';

registerEnumType(SessionStatus, { name: 'SessionStatus' });
registerEnumType(SessionTheme, { name: 'SessionTheme' });
registerEnumType(DeliveryLanguage, { name: 'DeliveryLanguage' });
registerEnumType(ProposalStatus, { name: 'ProposalStatus' });
registerEnumType(BackingKind, { name: 'BackingKind' });

@ObjectType()
export class Slot {
  @Field(() => ID, { nullable: true, description: 'Null in a preview, before the grid is saved.' })
  id: string | null;

  @Field(() => Int)
  index: number;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field()
  isBreak: boolean;

  @Field({
    description:
      'The start in UK time, "10:00"; in the repeated hour of the autumn clock change "01:30 BST" or "01:30 GMT".',
  })
  startLabel: string;

  @Field({ description: 'The end in UK time, labelled like startLabel.' })
  endLabel: string;

  static from(slot: SlotEntity | GridSlot): Slot {
    const saved = 'idx' in slot;
    return Object.assign(new Slot(), {
      id: saved ? slot.id : null,
      index: saved ? slot.idx : slot.index,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      isBreak: slot.isBreak,
      startLabel: ukTimeLabel(slot.startsAt),
      endLabel: ukTimeLabel(slot.endsAt),
    });
  }
}

@ObjectType()
export class ThemedSession {
  @Field(() => ID)
  id: string;

  @Field()
  titleCy: string;

  @Field()
  titleEn: string;

  @Field()
  descriptionCy: string;

  @Field()
  descriptionEn: string;

  @Field(() => SessionTheme)
  theme: SessionTheme;

  @Field(() => DeliveryLanguage)
  deliveryLanguage: DeliveryLanguage;

  @Field(() => String, { nullable: true, description: 'Health-board region code; null for all Wales.' })
  region: string | null;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int)
  slotMinutes: number;

  @Field(() => SessionStatus)
  status: SessionStatus;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => Int)
  revision: number;

  @Field(() => Int, { nullable: true, description: 'At most this many guests may register; null: no cap.' })
  registrationCap: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many of a person’s requests may wait for an answer; null: no cap.',
  })
  requestCap: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Requests unanswered this many hours after they were sent expire; null: at the session’s start.',
  })
  requestExpiryHours: number | null;

  organiserId: string;

  coOrganiserId: string | null;

  static from(entity: ThemedSessionEntity): ThemedSession {
    return Object.assign(new ThemedSession(), {
      id: entity.id,
      titleCy: entity.titleCy,
      titleEn: entity.titleEn,
      descriptionCy: entity.descriptionCy,
      descriptionEn: entity.descriptionEn,
      theme: entity.theme,
      deliveryLanguage: entity.deliveryLanguage,
      region: entity.region,
      startsAt: entity.startsAt,
      endsAt: entity.endsAt,
      slotMinutes: entity.slotMinutes,
      registrationCap: entity.registrationCap,
      requestCap: entity.requestCap,
      requestExpiryHours: entity.requestExpiryHours,
      status: entity.status,
      cancelReason: entity.cancelReason,
      revision: entity.revision,
      organiserId: entity.organiserId,
      coOrganiserId: entity.coOrganiserId,
    });
  }
}

@ObjectType()
export class SessionEdge {
  @Field()
  cursor: string;

  @Field(() => ThemedSession)
  node: ThemedSession;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class SessionConnection {
  @Field(() => [SessionEdge])
  edges: SessionEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType('ProposalSupport')
export class ProposalSupportModel {
  @Field(() => Int, { description: "People who said I'd come." })
  attending: number;

  @Field(() => Int, { description: 'People who said I could host.' })
  hosting: number;

  @Field(() => [BackingKind], { description: "The caller's own backings." })
  mine: BackingKind[];
}

@ObjectType()
export class ProposalComment {
  @Field(() => ID)
  id: string;

  @Field()
  body: string;

  @Field()
  createdAt: Date;

  authorId: string;

  static from(entity: ProposalCommentEntity): ProposalComment {
    return Object.assign(new ProposalComment(), {
      id: entity.id,
      body: entity.body,
      createdAt: entity.createdAt,
      authorId: entity.authorId,
    });
  }
}

@ObjectType()
export class SessionProposal {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => [String])
  conditionCodes: string[];

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Field(() => ID, { nullable: true })
  sessionId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => ProposalSupportModel, { description: "Who backs it: I'd come, I could host, and the caller's own." })
  support: ProposalSupportModel;

  @Field(() => [ProposalComment], { description: 'Comments, oldest first.' })
  comments: ProposalComment[];

  proposerId: string;

  static from(entity: SessionProposalEntity): SessionProposal {
    return Object.assign(new SessionProposal(), {
      id: entity.id,
      title: entity.title,
      description: entity.description,
      conditionCodes: entity.conditions,
      region: entity.region,
      status: entity.status,
      declineReason: entity.declineReason,
      sessionId: entity.sessionId,
      createdAt: entity.createdAt,
      proposerId: entity.proposerId,
      support: { attending: 0, hosting: 0, mine: [] },
      comments: [],
    });
  }
}
