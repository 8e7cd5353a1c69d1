import { MeetingRoomEntity } from './entities/meeting-room.entity';

/** LiveKit said the room finished after it last started (webhooks may arrive in any order). */
export function roomClosed(room: MeetingRoomEntity | null): boolean {
  return Boolean(room?.finishedAt && (!room.startedAt || room.finishedAt >= room.startedAt));
}

/** LiveKit said the room started, and has not said since that it finished. */
export function roomRunning(room: MeetingRoomEntity | null): boolean {
  return Boolean(room?.startedAt) && !roomClosed(room);
}
