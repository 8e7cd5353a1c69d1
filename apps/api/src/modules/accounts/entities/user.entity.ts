import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Language, Role } from '../accounts.enums';

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

  @Column()
  createdAt: Date;
}
