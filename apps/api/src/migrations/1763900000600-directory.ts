import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public referral directory (Open Referral UK, modules/directory): a practitioner's opt-in to
 * be listed and the few public facts a listing needs — a service name and short description, how
 * it is delivered (online, in person, or both, with an optional town) and a public contact (the
 * organisation's website or e-mail). Nothing about patients. Off unless the practitioner turns it on.
 */
export class Directory1763900000600 implements MigrationInterface {
  name = 'Directory1763900000600';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE profiles ADD COLUMN directory_listed boolean NOT NULL DEFAULT false`,
      `ALTER TABLE profiles ADD COLUMN directory_service_name varchar(160)`,
      `ALTER TABLE profiles ADD COLUMN directory_description varchar(1000)`,
      `ALTER TABLE profiles ADD COLUMN directory_delivery varchar(10) CHECK (directory_delivery IN ('ONLINE', 'IN_PERSON', 'BOTH'))`,
      `ALTER TABLE profiles ADD COLUMN directory_town varchar(120)`,
      `ALTER TABLE profiles ADD COLUMN directory_website varchar(300)`,
      `ALTER TABLE profiles ADD COLUMN directory_email varchar(254)`,
      `CREATE INDEX profiles_directory ON profiles (directory_listed, updated_at)`,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX profiles_directory');
    for (const column of [
      'directory_email',
      'directory_website',
      'directory_town',
      'directory_delivery',
      'directory_description',
      'directory_service_name',
      'directory_listed',
    ]) {
      await runner.query(`ALTER TABLE profiles DROP COLUMN ${column}`);
    }
  }
}
