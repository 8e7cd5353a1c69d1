import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StandbyStatus } from '../booking.enums';
import { StandbyPlaceRow } from '../standby.repository';

registerEnumType(StandbyStatus, { name: 'StandbyStatus' });

/** Your place on a full offer's standby list. */
@ObjectType()
export class StandbyPlace {
  @Field(() => ID)
  offerId: string;

  @Field(() => StandbyStatus)
  status: StandbyStatus;

  @Field(() => Int, { description: 'In line: 1 is next (or is being offered a seat).' })
  position: number;

  @Field(() => Date, { nullable: true, description: 'OFFERED: the seat is held for you until then; claim it before.' })
  claimUntil: Date | null;

  static from({ entry, position }: StandbyPlaceRow): StandbyPlace {
    return Object.assign(new StandbyPlace(), {
      offerId: entry.offerId,
      status: entry.status,
      position,
      claimUntil: entry.claimUntil,
    });
  }
}
