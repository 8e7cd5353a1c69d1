import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { Role } from '../accounts.enums';

/** A single-use, expiring invitation. Only the SHA-256 of the link's token is stored. */
@Unique('invitations_token_hash_key', ['tokenHash'])
@Entity({ name: 'invitations' })
export class InvitationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'simple-json' })
  roles: Role[];

  @Column({ type: 'varchar', length: 36, nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 36 })
  invitedById: string;

  @Column()
  createdAt: Date;

  @Column()
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  acceptedAt: Date | null;
}
