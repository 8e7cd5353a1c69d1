import { Field, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DirectoryDelivery, ProjectTerm, WelshAbility } from '../profiles.enums';

/** The field may be omitted, but when sent it may not be null (its column is NOT NULL). */
const OmittedOrSet = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

const MAX_CODES = 20;
const MAX_CODE_LENGTH = 60;
const MAX_TEXT = 1000;

/**
 * A change to the caller's own profile. Omitted fields keep their stored values; lists, when
 * sent, replace the stored list; null clears projectTerm and referralCapacityPerMonth.
 */
@InputType()
export class ProfileInput {
  @Field(() => [String], { nullable: true, description: 'CONDITION codes' })
  @OmittedOrSet()
  @IsArray()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(MAX_CODE_LENGTH, { each: true })
  conditions?: string[];

  @Field(() => [String], { nullable: true, description: 'ART_FORM codes' })
  @OmittedOrSet()
  @IsArray()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(MAX_CODE_LENGTH, { each: true })
  artForms?: string[];

  @Field(() => [String], { nullable: true, description: 'REGION codes' })
  @OmittedOrSet()
  @IsArray()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(MAX_CODE_LENGTH, { each: true })
  regions?: string[];

  @Field(() => [String], { nullable: true, description: 'SUPPORT codes the person offers' })
  @OmittedOrSet()
  @IsArray()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(MAX_CODE_LENGTH, { each: true })
  supportOffers?: string[];

  @Field(() => [String], { nullable: true, description: 'SUPPORT codes the person needs' })
  @OmittedOrSet()
  @IsArray()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(MAX_CODE_LENGTH, { each: true })
  supportNeeds?: string[];

  @Field(() => WelshAbility, { nullable: true })
  @OmittedOrSet()
  @IsEnum(WelshAbility)
  welshAbility?: WelshAbility;

  @Field({ nullable: true })
  @OmittedOrSet()
  @IsString()
  @MaxLength(MAX_TEXT)
  offers?: string;

  @Field({ nullable: true })
  @OmittedOrSet()
  @IsString()
  @MaxLength(MAX_TEXT)
  needs?: string;

  @Field({ nullable: true })
  @OmittedOrSet()
  @IsString()
  @MaxLength(MAX_TEXT)
  evidenceApproach?: string;

  @Field(() => ProjectTerm, { nullable: true })
  @IsOptional()
  @IsEnum(ProjectTerm)
  projectTerm?: ProjectTerm | null;

  @Field({ nullable: true })
  @OmittedOrSet()
  @IsBoolean()
  inclusiveSpace?: boolean;

  @Field(() => Int, { nullable: true, description: 'Link workers only: referrals they can take per month (0–500).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  referralCapacityPerMonth?: number | null;

  @Field({
    nullable: true,
    description:
      'Link workers: still take meeting requests once this month’s referral places are used up (default true).',
  })
  @OmittedOrSet()
  @IsBoolean()
  requestsWhenFull?: boolean;

  @Field({
    nullable: true,
    description: 'Practitioners only: list this service in the public referral directory (Open Referral UK).',
  })
  @OmittedOrSet()
  @IsBoolean()
  directoryListed?: boolean;

  @Field(() => String, { nullable: true, description: 'Public service name in the directory.' })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  directoryServiceName?: string | null;

  @Field(() => String, { nullable: true, description: 'Short public description of the service. No patient data.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  directoryDescription?: string | null;

  @Field(() => DirectoryDelivery, { nullable: true })
  @IsOptional()
  @IsEnum(DirectoryDelivery)
  directoryDelivery?: DirectoryDelivery | null;

  @Field(() => String, { nullable: true, description: 'Town where in-person work happens (not an address).' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  directoryTown?: string | null;

  @Field(() => String, { nullable: true, description: "Public website (the organisation's), https://…" })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  directoryWebsite?: string | null;

  @Field(() => String, { nullable: true, description: "Public contact e-mail (the organisation's)." })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  directoryEmail?: string | null;
}
