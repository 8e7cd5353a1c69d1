import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * "Extra time" (issue #22 point 2): a meeting may take two consecutive slots. Its people are held
 * in the second slot by hold rows (active FALSE, extra_hold TRUE) of meeting_participants, so the
 * one-person-per-slot unique index covers both slots and decides races; meetings.extra_slot_id
 * names the second slot; meeting_requests.extra_time asks for it when the request is placed.
 */
export class ExtraTime1763900001550 implements MigrationInterface {
  name = 'ExtraTime1763900001550';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`ALTER TABLE meetings ADD COLUMN extra_slot_id ${t.id}`);
    await runner.query(`ALTER TABLE meeting_requests ADD COLUMN extra_time ${t.bool} NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE meeting_participants ADD COLUMN extra_hold ${t.bool} NOT NULL DEFAULT false`);
    await runner.query('DROP INDEX meeting_participants_one_per_person_slot');
    await runner.query(
      'CREATE UNIQUE INDEX meeting_participants_one_per_person_slot ON meeting_participants (user_id, slot_id) WHERE active OR extra_hold',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM meeting_participants WHERE extra_hold AND NOT active');
    await runner.query('DROP INDEX meeting_participants_one_per_person_slot');
    await runner.query(
      'CREATE UNIQUE INDEX meeting_participants_one_per_person_slot ON meeting_participants (user_id, slot_id) WHERE active',
    );
    await runner.query('ALTER TABLE meeting_participants DROP COLUMN extra_hold');
    await runner.query('ALTER TABLE meeting_requests DROP COLUMN extra_time');
    await runner.query('ALTER TABLE meetings DROP COLUMN extra_slot_id');
  }
}
