import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Language, OrganisationKind, Role } from '../accounts.enums';

@InputType()
export class SignUpInput {
  @Field() @IsEmail() @MaxLength(254)
  email: string;

  @Field() @IsString() @Length(10, 200)
  password: string;

  @Field() @IsString() @Length(1, 120)
  displayName: string;

  @Field(() => Language) @IsEnum(Language)
  preferredLanguage: Language;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  organisationId?: string;
}

@InputType()
export class LogInInput {
  @Field() @IsString() @MaxLength(254)
  email: string;

  @Field() @IsString() @MaxLength(200)
  password: string;
}

@InputType()
export class CreateInvitationInput {
  @Field() @IsEmail() @MaxLength(254)
  email: string;

  @Field(() => [Role]) @IsEnum(Role, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(5)
  roles: Role[];

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  organisationId?: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field() @IsString() @Length(20, 100)
  token: string;

  @Field() @IsString() @Length(10, 200)
  password: string;

  @Field() @IsString() @Length(1, 120)
  displayName: string;

  @Field(() => Language) @IsEnum(Language)
  preferredLanguage: Language;
}

@InputType()
export class UpdateMeInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 120)
  displayName?: string;

  @Field(() => Language, { nullable: true }) @IsOptional() @IsEnum(Language)
  preferredLanguage?: Language;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID()
  organisationId?: string;
}

@InputType()
export class CreateOrganisationInput {
  @Field() @IsString() @Length(2, 200)
  name: string;

  @Field(() => OrganisationKind) @IsEnum(OrganisationKind)
  kind: OrganisationKind;
}
