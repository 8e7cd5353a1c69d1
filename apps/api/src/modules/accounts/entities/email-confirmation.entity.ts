import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An account's current e-mail confirmation link: only the SHA-256 of its token; a new one replaces it. */
@Unique('email_confirmations_token_hash_key', ['tokenHash'])
@Entity({ name: 'email_confirmations' })
export class EmailConfirmationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column()
  createdAt: Date;

  @Column()
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  usedAt: Date | null;
}
