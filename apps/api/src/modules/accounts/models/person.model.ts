import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Language, Role } from '../accounts.enums';
import { UserEntity } from '../entities/user.entity';

registerEnumType(Role, { name: 'Role' });
registerEnumType(Language, { name: 'Language' });

/** A participant as others see them. E-mail is shown only to the person and to organisers. */
@ObjectType()
export class Person {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => Language)
  preferredLanguage: Language;

  organisationId: string | null;
  requestedOrganisationId: string | null;
  email: string;
  shareEmail: boolean;
  emailConfirmed: boolean;

  static from(entity: UserEntity): Person {
    return Object.assign(new Person(), {
      id: entity.id,
      displayName: entity.displayName,
      roles: entity.roles,
      preferredLanguage: entity.preferredLanguage,
      organisationId: entity.organisationId,
      requestedOrganisationId: entity.requestedOrganisationId,
      email: entity.email,
      shareEmail: entity.shareEmail,
      emailConfirmed: entity.emailConfirmedAt !== null,
    });
  }
}
