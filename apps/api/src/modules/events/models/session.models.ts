import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SessionProposalEntity } from '../entities/session-proposal.entity';
import { SlotEntity } from '../entities/slot.entity';
import { ThemedSessionEntity } from '../entities/themed-session.entity';
import { DeliveryLanguage, ProposalStatus, SessionStatus, SessionTheme } from '../events.enums';
import { GridSlot } from '../slot-grid';

registerEnumType(SessionStatus, { name: 'SessionStatus' });
registerEnumType(SessionTheme, { name: 'SessionTheme' });
registerEnumType(DeliveryLanguage, { name: 'DeliveryLanguage' });
registerEnumType(ProposalStatus, { name: 'ProposalStatus' });

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

  static from(slot: SlotEntity | GridSlot): Slot {
    const saved = 'idx' in slot;
    return Object.assign(new Slot(), {
      id: saved ? slot.id : null,
      index: saved ? slot.idx : slot.index,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      isBreak: slot.isBreak,
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

  organiserId: string;

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
      status: entity.status,
      cancelReason: entity.cancelReason,
      revision: entity.revision,
      organiserId: entity.organiserId,
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
    });
  }
}
