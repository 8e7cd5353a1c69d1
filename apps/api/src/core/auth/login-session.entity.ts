import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A signed-in browser. Only the SHA-256 of the cookie's token is stored. */
@Unique('login_sessions_token_hash_key', ['tokenHash'])
@Index('login_sessions_user', ['userId'])
@Entity({ name: 'login_sessions' })
export class LoginSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column()
  createdAt: Date;

  @Column()
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;
}
