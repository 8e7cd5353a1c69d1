import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * Proposals that participants shape (issue #23): backings ("I'd come", "I could host") and short
 * comments on theme proposals, and the co-organiser an organiser may make of a proposal's proposer
 * on the session that results.
 */
export class ProposalSupport1763900001250 implements MigrationInterface {
  name = 'ProposalSupport1763900001250';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`CREATE TABLE proposal_backings (
      proposal_id ${t.id} NOT NULL REFERENCES session_proposals (id) ON DELETE CASCADE,
      user_id ${t.id} NOT NULL REFERENCES users (id),
      kind varchar(12) NOT NULL CHECK (kind IN ('ATTEND', 'HOST')),
      created_at ${t.instant} NOT NULL,
      PRIMARY KEY (proposal_id, user_id, kind)
    )`);
    await runner.query(`CREATE INDEX proposal_backings_user ON proposal_backings (user_id)`);
    await runner.query(`CREATE TABLE proposal_comments (
      id ${t.id} PRIMARY KEY,
      proposal_id ${t.id} NOT NULL REFERENCES session_proposals (id) ON DELETE CASCADE,
      author_id ${t.id} NOT NULL REFERENCES users (id),
      body varchar(500) NOT NULL,
      created_at ${t.instant} NOT NULL
    )`);
    await runner.query(`CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, created_at)`);
    await runner.query(`CREATE INDEX proposal_comments_author ON proposal_comments (author_id, created_at)`);
    await runner.query(`ALTER TABLE themed_sessions ADD COLUMN co_organiser_id ${t.id} NULL REFERENCES users (id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE themed_sessions DROP COLUMN co_organiser_id`);
    await runner.query(`DROP TABLE proposal_comments`);
    await runner.query(`DROP TABLE proposal_backings`);
  }
}
