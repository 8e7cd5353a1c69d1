import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joining an organisation needs an invitation or an organiser's approval: the organisation a
 * person asked to join waits in `requested_organisation_id` (users.organisation_id stays the one
 * they belong to) until an organiser or admin decides.
 */
export class OrganisationRequests1763900000740 implements MigrationInterface {
  name = 'OrganisationRequests1763900000740';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE users ADD COLUMN requested_organisation_id varchar(36) REFERENCES organisations (id)`,
    );
    await runner.query(`CREATE INDEX users_requested_organisation ON users (requested_organisation_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX users_requested_organisation`);
    await runner.query(`ALTER TABLE users DROP COLUMN requested_organisation_id`);
  }
}
