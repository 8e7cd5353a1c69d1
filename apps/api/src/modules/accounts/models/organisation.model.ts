import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationKind } from '../accounts.enums';
import { OrganisationEntity } from '../entities/organisation.entity';

registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

@ObjectType()
export class Organisation {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  static from(entity: OrganisationEntity): Organisation {
    return Object.assign(new Organisation(), { id: entity.id, name: entity.name, kind: entity.kind });
  }
}
