import { MigrationInterface, QueryRunner } from 'typeorm';
import { ddlTypes } from './ddl-types';

/**
 * One booking is one calendar event for its whole life: meetings.calendar_uid is the iCalendar UID
 * its invitations carry, copied to the meeting that replaces it on a reschedule (and its SEQUENCE
 * carried on from there). Existing meetings keep the UID they were sent with (`<id>@cyswllt`).
 *
 * users.share_email: the person chose to show their own address to the other people in their
 * meetings (invitations' ATTENDEE lines); off by default, so others see a display name only.
 */
export class CalendarIdentity1763900000710 implements MigrationInterface {
  name = 'CalendarIdentity1763900000710';

  async up(runner: QueryRunner): Promise<void> {
    const t = ddlTypes(runner);
    await runner.query(`ALTER TABLE meetings ADD COLUMN calendar_uid varchar(80)`);
    await runner.query(`UPDATE meetings SET calendar_uid = id || '@cyswllt'`);
    await runner.query(`ALTER TABLE users ADD COLUMN share_email ${t.bool} NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE users DROP COLUMN share_email`);
    await runner.query(`ALTER TABLE meetings DROP COLUMN calendar_uid`);
  }
}
