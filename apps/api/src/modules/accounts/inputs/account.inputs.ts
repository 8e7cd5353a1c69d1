import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { NameText } from '../../../core/graphql/name-text';
import { Language, OrganisationKind, Role } from '../accounts.enums';

/** Trims a text before it is validated, so "   " fails a minimum length instead of being stored empty. */
const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Optional, but not nullable: the column is NOT NULL, so an explicit null must fail validation. */
const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(10, 200)
  password: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 120)
  @NameText()
  displayName: string;

  @Field(() => Language)
  @IsEnum(Language)
  preferredLanguage: Language;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

@InputType()
export class LogInInput {
  @Field()
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

@InputType()
export class ResendEmailConfirmationInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

@InputType()
export class ConfirmEmailInput {
  @Field()
  @IsString()
  @Length(20, 100)
  token: string;
}

@InputType()
export class ResetPasswordInput {
  @Field()
  @IsString()
  @Length(20, 100)
  token: string;

  /** The same rule as at sign-up. */
  @Field()
  @IsString()
  @Length(10, 200)
  password: string;
}

@InputType()
export class CreateInvitationInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => [Role])
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  roles: Role[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @Length(20, 100)
  token: string;

  @Field()
  @IsString()
  @Length(10, 200)
  password: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 120)
  @NameText()
  displayName: string;

  @Field(() => Language)
  @IsEnum(Language)
  preferredLanguage: Language;
}

@InputType()
export class UpdateMeInput {
  @Field({ nullable: true })
  @Trim()
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  @NameText()
  displayName?: string;

  @Field(() => Language, { nullable: true })
  @IsOmittable()
  @IsEnum(Language)
  preferredLanguage?: Language;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({
    nullable: true,
    description:
      'Show your e-mail address to the other people in your meetings (calendar invitations); off by default.',
  })
  @IsOmittable()
  @IsBoolean()
  shareEmail?: boolean;
}

@InputType()
export class CreateOrganisationInput {
  @Field()
  @Trim()
  @IsString()
  @Length(2, 200)
  @NameText()
  name: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;
}

/** An organiser's or admin's answer to someone's request to join an organisation. */
@InputType()
export class DecideOrganisationMembershipInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field({ description: 'true: they join the organisation they asked for; false: they stay where they are.' })
  @IsBoolean()
  approve: boolean;
}

/** Erasing one's own account: the password again, and the account's e-mail address typed out. */
@InputType()
export class EraseMyAccountInput {
  @Field()
  @IsString()
  @MaxLength(200)
  password: string;

  @Field({ description: "The account's e-mail address, typed to confirm." })
  @IsString()
  @MaxLength(254)
  confirmation: string;
}
