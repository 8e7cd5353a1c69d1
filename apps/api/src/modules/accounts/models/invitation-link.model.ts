import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../accounts.enums';

/** Returned once, to the inviter: the token is not stored and cannot be shown again. */
@ObjectType()
export class InvitationLink {
  @Field(() => ID)
  invitationId: string;

  @Field()
  email: string;

  @Field(() => [Role])
  roles: Role[];

  @Field()
  url: string;

  @Field()
  token: string;

  @Field()
  expiresAt: Date;
}
