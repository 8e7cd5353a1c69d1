import { MeetingStatus, OutcomeSource, ParticipantRole } from '../booking/booking.enums';
import { MeetingOutcomeReportEntity } from '../booking/entities/meeting-outcome-report.entity';
import { MeetingEntity } from '../booking/entities/meeting.entity';
import { verdictOf } from '../booking/meeting-outcomes';
import { AttendanceEntity } from './entities/attendance.entity';
import { NoShowDisputeEntity } from './entities/no-show-dispute.entity';
import { noShowState, NoShowState } from './no-shows';

export interface AttendanceReportPersonRow {
  userId: string;
  displayName: string;
  role: ParticipantRole;
  /** Was in the meeting's video room at all. */
  turnedUp: boolean;
  minutesInRoom: number;
  /** Their own word: true "we met", false "it didn't happen", null none. */
  said: boolean | null;
  noShow: NoShowState;
}

export interface AttendanceReportMeetingRow {
  meeting: MeetingEntity;
  disputed: boolean;
  people: AttendanceReportPersonRow[];
}

export interface AttendanceReportData {
  sessionId: string;
  held: number;
  notHeld: number;
  awaiting: number;
  disputed: number;
  /** People in meetings with an outcome, and the undisputed and disputed no-shows among them. */
  peopleDue: number;
  noShows: number;
  noShowsDisputed: number;
  meetings: AttendanceReportMeetingRow[];
}

/** Folds a session's meetings, their people, room attendance and reports into the organisers' attendance report. */
export function attendanceReport(
  sessionId: string,
  meetings: readonly MeetingEntity[],
  participants: readonly { meetingId: string; userId: string; role: ParticipantRole; user: { displayName: string } }[],
  attendance: readonly AttendanceEntity[],
  reports: readonly MeetingOutcomeReportEntity[],
  disputes: readonly NoShowDisputeEntity[],
): AttendanceReportData {
  const rows = meetings.map((meeting): AttendanceReportMeetingRow => {
    const mine = reports.filter((r) => r.meetingId === meeting.id);
    const seenIn = attendance.filter((a) => a.meetingId === meeting.id && !a.organiser && a.firstJoinedAt);
    const people = participants
      .filter((p) => p.meetingId === meeting.id)
      .map((p): AttendanceReportPersonRow => {
        const seen = attendance.find((a) => a.meetingId === meeting.id && a.userId === p.userId && !a.organiser);
        const said = mine.find((r) => r.userId === p.userId);
        const turnedUp = Boolean(seen?.firstJoinedAt);
        return {
          userId: p.userId,
          displayName: p.user.displayName,
          role: p.role,
          turnedUp,
          minutesInRoom: Math.round((seen?.totalSeconds ?? 0) / 60),
          said: said ? said.happened : null,
          noShow: noShowState({
            status: meeting.status,
            outcomeSource: meeting.outcomeSource,
            turnedUp,
            othersTurnedUp: seenIn.some((a) => a.userId !== p.userId),
            saidHappened: said ? said.happened : null,
            disputed: disputes.some((d) => d.meetingId === meeting.id && d.userId === p.userId),
          }),
        };
      });
    return {
      meeting,
      disputed: verdictOf(mine) === 'DISPUTED' && meeting.outcomeSource !== OutcomeSource.ORGANISER,
      people,
    };
  });
  const count = (status: MeetingStatus) => rows.filter((r) => r.meeting.status === status).length;
  const decided = rows.filter(
    (r) => r.meeting.status === MeetingStatus.COMPLETED || r.meeting.status === MeetingStatus.NO_SHOW,
  );
  const people = decided.flatMap((r) => r.people);
  return {
    sessionId,
    held: count(MeetingStatus.COMPLETED),
    notHeld: count(MeetingStatus.NO_SHOW),
    awaiting: rows.length - count(MeetingStatus.COMPLETED) - count(MeetingStatus.NO_SHOW),
    disputed: rows.filter((r) => r.disputed).length,
    peopleDue: people.length,
    noShows: people.filter((p) => p.noShow === NoShowState.COUNTED).length,
    noShowsDisputed: people.filter((p) => p.noShow === NoShowState.DISPUTED).length,
    meetings: rows,
  };
}

export const ATTENDANCE_CSV_COLUMNS = [
  'meeting',
  'starts_at',
  'status',
  'decided_by',
  'disputed',
  'person',
  'role',
  'turned_up',
  'minutes_in_room',
  'said',
  'no_show',
] as const;

export type AttendanceCsvRecord = Record<(typeof ATTENDANCE_CSV_COLUMNS)[number], string>;

/** One line per person per meeting; `said` is MET, NOT_MET or empty. */
export function* attendanceCsvRecords(report: AttendanceReportData): Generator<AttendanceCsvRecord> {
  for (const { meeting, disputed, people } of report.meetings) {
    for (const p of people) {
      yield {
        meeting: meeting.id,
        starts_at: meeting.startsAt.toISOString(),
        status: meeting.status,
        decided_by: meeting.outcomeSource ?? '',
        disputed: disputed ? 'yes' : 'no',
        person: p.displayName,
        role: p.role,
        turned_up: p.turnedUp ? 'yes' : 'no',
        minutes_in_room: String(p.minutesInRoom),
        said: p.said === null ? '' : p.said ? 'MET' : 'NOT_MET',
        no_show: p.noShow === NoShowState.NONE ? '' : p.noShow,
      };
    }
  }
}
