import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ProjectTerm, WelshAbility } from '../profiles.enums';

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
  @OmittedOrSet() @IsArray() @ArrayMaxSize(MAX_CODES) @IsString({ each: true }) @MaxLength(MAX_CODE_LENGTH, { each: true })
  conditions?: string[];

  @Field(() => [String], { nullable: true, description: 'ART_FORM codes' })
  @OmittedOrSet() @IsArray() @ArrayMaxSize(MAX_CODES) @IsString({ each: true }) @MaxLength(MAX_CODE_LENGTH, { each: true })
  artForms?: string[];

  @Field(() => [String], { nullable: true, description: 'REGION codes' })
  @OmittedOrSet() @IsArray() @ArrayMaxSize(MAX_CODES) @IsString({ each: true }) @MaxLength(MAX_CODE_LENGTH, { each: true })
  regions?: string[];

  @Field(() => [String], { nullable: true, description: 'SUPPORT codes the person offers' })
  @OmittedOrSet() @IsArray() @ArrayMaxSize(MAX_CODES) @IsString({ each: true }) @MaxLength(MAX_CODE_LENGTH, { each: true })
  supportOffers?: string[];

  @Field(() => [String], { nullable: true, description: 'SUPPORT codes the person needs' })
  @OmittedOrSet() @IsArray() @ArrayMaxSize(MAX_CODES) @IsString({ each: true }) @MaxLength(MAX_CODE_LENGTH, { each: true })
  supportNeeds?: string[];

  @Field(() => WelshAbility, { nullable: true })
  @OmittedOrSet() @IsEnum(WelshAbility)
  welshAbility?: WelshAbility;

  @Field({ nullable: true })
  @OmittedOrSet() @IsString() @MaxLength(MAX_TEXT)
  offers?: string;

  @Field({ nullable: true })
  @OmittedOrSet() @IsString() @MaxLength(MAX_TEXT)
  needs?: string;

  @Field({ nullable: true })
  @OmittedOrSet() @IsString() @MaxLength(MAX_TEXT)
  evidenceApproach?: string;

  @Field(() => ProjectTerm, { nullable: true })
  @IsOptional() @IsEnum(ProjectTerm)
  projectTerm?: ProjectTerm | null;

  @Field({ nullable: true })
  @OmittedOrSet() @IsBoolean()
  inclusiveSpace?: boolean;

  @Field(() => Int, { nullable: true, description: 'Link workers only: referrals they can take per month (0–500).' })
  @IsOptional() @IsInt() @Min(0) @Max(500)
  referralCapacityPerMonth?: number | null;
}
