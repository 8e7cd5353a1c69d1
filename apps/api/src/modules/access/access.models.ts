import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { AccessNeed, NOTE_MAX } from './access-needs';

registerEnumType(AccessNeed, {
  name: 'AccessNeed',
  description: 'Something a person needs to take part in a meeting (health and disability information).',
});

@InputType({ description: 'Access needs, given with explicit consent to keep them (no consent: nothing is kept).' })
export class AccessNeedsInput {
  @Field(() => [AccessNeed])
  @ArrayMaxSize(6)
  @IsEnum(AccessNeed, { each: true })
  needs: AccessNeed[];

  @Field(() => String, { nullable: true, description: `A short note (up to ${NOTE_MAX} characters).` })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string | null;

  @Field({ description: 'The person agrees that these are kept and shown to the organisers and interpreter.' })
  @IsBoolean()
  consent: boolean;
}

@ObjectType({ description: 'Access needs: what, and an optional note.' })
export class AccessNeeds {
  @Field(() => [AccessNeed])
  needs: AccessNeed[];

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field({ description: 'When the person gave their consent to keep them.' })
  consentedAt: Date;
}

@ObjectType({ description: 'One person’s access needs for a meeting (for its organisers and interpreter only).' })
export class PersonAccessNeeds {
  @Field(() => ID)
  userId: string;

  @Field()
  displayName: string;

  @Field(() => [AccessNeed])
  needs: AccessNeed[];

  @Field(() => String, { nullable: true })
  note: string | null;
}
