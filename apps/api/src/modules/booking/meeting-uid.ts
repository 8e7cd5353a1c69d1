/** The iCalendar UID a new booking's calendar event gets (RFC 5545 §3.8.4.7): kept for its whole life. */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@cyswllt`;
}
