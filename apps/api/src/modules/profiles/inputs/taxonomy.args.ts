import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { Vocabulary } from '../profiles.enums';

/**
 * Arguments of `taxonomy`. An enum passed straight to @Args would reach the global ValidationPipe
 * with the enum object as its metatype under SWC (tests), which it rejects; an ArgsType class
 * validates the same way under tsc and SWC.
 */
@ArgsType()
export class TaxonomyArgs {
  @Field(() => Vocabulary)
  @IsEnum(Vocabulary)
  vocabulary: Vocabulary;
}
