/** What a session's organisers hear when someone joins or leaves one of its meeting rooms. */
export interface RoomPresenceEvent {
  sessionId: string;
  meetingId: string;
  userId: string;
  /** In the room now (an open connection). */
  present: boolean;
  /** ISO instant of the change as recorded (the webhook's or the reconciler's time). */
  at: string;
}

export const RoomsTopics = {
  presence: (sessionId: string) => `presence:${sessionId}`,
};
