import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Offer } from './booking.models';

@ObjectType({ description: 'Seats changed in some slots of a session: the offers in those slots now.' })
export class SlotAvailabilityChange {
  @Field(() => ID)
  sessionId: string;

  @Field(() => [ID], {
    description: 'The slots that changed; an offer of these slots missing from `offers` was withdrawn.',
  })
  slotIds: string[];

  @Field(() => [Offer], {
    description: 'Every live offer in those slots, with its seats left (as sessionOffers shows them).',
  })
  offers: Offer[];
}
