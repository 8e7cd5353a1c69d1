import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, ValidateNested } from 'class-validator';
import { NotificationKind } from '../notifications.enums';

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationKind)
  @IsEnum(NotificationKind)
  kind: NotificationKind;

  @Field()
  @IsBoolean()
  enabled: boolean;
}

@InputType()
export class UpdateNotificationPreferencesInput {
  @Field(() => [NotificationPreferenceInput])
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  preferences: NotificationPreferenceInput[];
}
