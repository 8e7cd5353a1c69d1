import { Field, ObjectType } from '@nestjs/graphql';
import { Meeting } from '../../booking/models/booking.models';
import { NoShowState } from '../no-shows';
import { NoShowRecordData } from '../no-shows.service';

@ObjectType({ description: 'A no-show recorded against the caller in the last year, and whether they disputed it.' })
export class NoShowRecord {
  @Field(() => Meeting, { description: 'Its outcomeSource says who recorded it: the room or an organiser.' })
  meeting: Meeting;

  @Field(() => NoShowState, { description: 'COUNTED, or DISPUTED once they said it was not a no-show.' })
  state: NoShowState;

  @Field(() => String, { nullable: true, description: 'Their reason, if they gave one.' })
  disputeReason: string | null;

  static from(data: NoShowRecordData): NoShowRecord {
    return Object.assign(new NoShowRecord(), {
      meeting: Meeting.from(data.meeting),
      state: data.state,
      disputeReason: data.disputeReason,
    });
  }
}
