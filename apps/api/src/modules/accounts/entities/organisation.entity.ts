import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganisationKind } from '../accounts.enums';

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  kind: OrganisationKind;

  @Column()
  createdAt: Date;
}
