import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An account's current password-reset link: only the SHA-256 of its token; a new request replaces it. */
@Unique('password_resets_token_hash_key', ['tokenHash'])
@Entity({ name: 'password_resets' })
export class PasswordResetEntity {
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
