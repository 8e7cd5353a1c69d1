import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOmittable } from '../../../core/graphql/validators';
import { BackingKind, DeliveryLanguage, SessionStatus, SessionTheme } from '../events.enums';
import { NameText } from '../../../core/graphql/name-text';

const CODE = /^[a-z0-9-]{1,60}$/;

/** An optional whole number from 1 to `max`; null clears it. */
const OptionalCount = (max: number) =>
  applyDecorators(
    Field(() => Int, { nullable: true }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(max),
  );

@InputType()
export class SessionTextsInput {
  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(3, 200)
  @NameText()
  titleCy?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @Length(3, 200)
  @NameText()
  titleEn?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  descriptionCy?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  descriptionEn?: string;
}

@InputType()
export class SlotGridInput {
  @Field()
  @Type(() => Date)
  @IsDate()
  startsAt: Date;

  @Field()
  @Type(() => Date)
  @IsDate()
  endsAt: Date;

  @Field(() => Int)
  @IsInt()
  @Min(5)
  @Max(240)
  slotMinutes: number;

  @Field(() => [Int], { defaultValue: [] })
  @IsInt({ each: true })
  @ArrayMaxSize(400)
  breakSlotIndexes: number[];
}

@InputType()
export class CreateSessionInput extends SlotGridInput {
  @Field()
  @IsString()
  @Length(3, 200)
  @NameText()
  titleCy: string;

  @Field()
  @IsString()
  @Length(3, 200)
  @NameText()
  titleEn: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(5000)
  descriptionCy: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(5000)
  descriptionEn: string;

  @Field(() => SessionTheme)
  @IsEnum(SessionTheme)
  theme: SessionTheme;

  /** Condition codes; required for CONDITION sessions, ignored for OPEN ones. */
  @Field(() => [String], { defaultValue: [] })
  @Matches(CODE, { each: true })
  @ArrayMaxSize(20)
  conditions: string[];

  @Field(() => DeliveryLanguage)
  @IsEnum(DeliveryLanguage)
  deliveryLanguage: DeliveryLanguage;

  /** A health-board region code; omit for all Wales. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CODE)
  region?: string | null;

  /** At most this many guests may register (the rest join the waiting list); omit for no cap. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  registrationCap?: number | null;

  /** At most this many of a person's requests may wait for an answer at once (null: no cap). */
  @OptionalCount(1_000)
  requestCap?: number | null;

  /** Requests unanswered this many hours after they were sent expire (null: at the session's start). */
  @OptionalCount(24 * 365)
  requestExpiryHours?: number | null;
}

/**
 * Changes to a session. On a DRAFT everything may change. Once PUBLISHED: texts, conditions,
 * region and language change freely; `endsAt` may add slots at the end or remove empty ones;
 * breaks may move to slots without meetings. Use moveSession to shift the whole session.
 */
@InputType()
export class UpdateSessionInput extends SessionTextsInput {
  @Field(() => SessionTheme, { nullable: true })
  @IsOmittable()
  @IsEnum(SessionTheme)
  theme?: SessionTheme;

  @Field(() => [String], { nullable: true })
  @IsOmittable()
  @Matches(CODE, { each: true })
  @ArrayMaxSize(20)
  conditions?: string[];

  @Field(() => DeliveryLanguage, { nullable: true })
  @IsOmittable()
  @IsEnum(DeliveryLanguage)
  deliveryLanguage?: DeliveryLanguage;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CODE)
  region?: string | null;

  /** A new cap (null removes it). Raising it registers people from the waiting list at once. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  registrationCap?: number | null;

  /** At most this many of a person's requests may wait for an answer at once (null: no cap). */
  @OptionalCount(1_000)
  requestCap?: number | null;

  /** Requests unanswered this many hours after they were sent expire (null: at the session's start). */
  @OptionalCount(24 * 365)
  requestExpiryHours?: number | null;

  @Field({ nullable: true })
  @IsOmittable()
  @Type(() => Date)
  @IsDate()
  startsAt?: Date;

  @Field({ nullable: true })
  @IsOmittable()
  @Type(() => Date)
  @IsDate()
  endsAt?: Date;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @IsInt()
  @Min(5)
  @Max(240)
  slotMinutes?: number;

  @Field(() => [Int], { nullable: true })
  @IsOmittable()
  @IsInt({ each: true })
  @ArrayMaxSize(400)
  breakSlotIndexes?: number[];
}

@InputType()
export class SessionFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CODE)
  condition?: string;

  @Field(() => SessionTheme, { nullable: true })
  @IsOptional()
  @IsEnum(SessionTheme)
  theme?: SessionTheme;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CODE)
  region?: string;

  @Field(() => DeliveryLanguage, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryLanguage)
  language?: DeliveryLanguage;

  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field({ nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  /** Default PUBLISHED and LIVE. DRAFT and CANCELLED are shown only to their organisers. */
  @Field(() => [SessionStatus], { nullable: true })
  @IsOptional()
  @IsEnum(SessionStatus, { each: true })
  @ArrayMaxSize(5)
  statuses?: SessionStatus[];

  /** Only sessions the caller organises. */
  @Field({ nullable: true })
  @IsOptional()
  mine?: boolean;
}

@InputType()
export class ProposeSessionInput {
  @Field()
  @IsString()
  @Length(3, 200)
  @NameText()
  title: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(2000)
  description: string;

  @Field(() => [String], { defaultValue: [] })
  @Matches(CODE, { each: true })
  @ArrayMaxSize(20)
  conditions: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CODE)
  region?: string | null;
}

@InputType()
export class DecideProposalInput {
  @Field(() => ID)
  @IsUUID()
  proposalId: string;

  @Field()
  @IsString()
  @Length(3, 500)
  reason: string;
}

@InputType()
export class BackProposalInput {
  @Field(() => ID)
  @IsUUID()
  proposalId: string;

  @Field(() => BackingKind, { description: "ATTEND: I'd come; HOST: I could host." })
  @IsEnum(BackingKind)
  kind: BackingKind;

  @Field({ defaultValue: true, description: 'false withdraws this backing.' })
  @IsBoolean()
  backing: boolean;
}

@InputType()
export class CommentOnProposalInput {
  @Field(() => ID)
  @IsUUID()
  proposalId: string;

  @Field({ description: 'Plain text on one line, 1–500 characters.' })
  @IsString()
  @Length(1, 500)
  @NameText()
  body: string;
}
