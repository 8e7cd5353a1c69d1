import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { Language, Role } from '../accounts.enums';

@Unique('users_email_key', ['email'])
@Index('users_requested_organisation', ['requestedOrganisationId'])
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @Column({ type: 'varchar', length: 2 })
  preferredLanguage: Language;

  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'simple-json' })
  roles: Role[];

  @Column({ type: 'varchar', length: 36, nullable: true })
  organisationId: string | null;

  /** The organisation they asked to join, until an organiser or admin decides (null: none asked). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  requestedOrganisationId: string | null;

  @Column()
  createdAt: Date;

  /** The person lets the other people in their meetings see their address (invitations' ATTENDEE lines); off by default. */
  @Column({ type: 'boolean', default: false })
  shareEmail: boolean;

  /** When the person showed they hold the address (the confirmation link, an invitation, a password reset); null: not yet. */
  @Column({ type: Date, nullable: true })
  emailConfirmedAt: Date | null;
}
