import {
	type Participant,
	type Room,
	RoomEvent,
	type TextStreamReader,
	type TrackPublication,
	type TranscriptionSegment,
} from 'livekit-client';
import { type CaptionLine, CaptionLog } from './captions';

/** The text-stream topic LiveKit agents publish transcriptions on. */
export const TRANSCRIPTION_TOPIC = 'lk.transcription';
const SEGMENT_ID = 'lk.segment_id';
const TRACK_ID = 'lk.transcribed_track_id';
const FINAL = 'lk.transcription_final';

/**
 * Live captions for one call, from whatever speech-to-text agent the operator runs (none is
 * bundled). Both ways LiveKit carries transcriptions are read: the `lk.transcription` text stream
 * (agents 1.x) and the older transcription packets (RoomEvent.TranscriptionReceived).
 *
 * Everyone in the room receives the segments; `on` says captions are being made (the page tells
 * everyone so), and each person chooses whether to see them.
 */
export class LiveCaptions {
	lines = $state.raw<CaptionLine[]>([]);
	/** Captions are being made in this room: a segment has come, and its sender is still here. */
	on = $state(false);

	#log = new CaptionLog();
	#senders = new Set<string>();

	constructor(
		private readonly room: Room,
		private readonly nameOf: (participant: Participant) => string,
	) {
		room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, (reader, sender) => void this.#read(reader, sender.identity));
		room
			.on(RoomEvent.TranscriptionReceived, (segments, participant, publication) =>
				this.#legacy(segments, participant, publication),
			)
			.on(RoomEvent.ParticipantDisconnected, (participant) => {
				if (this.#senders.delete(participant.identity)) this.on = this.#senders.size > 0;
			});
	}

	/** One text stream is one version of a segment; its chunks add up to the segment's text so far. */
	async #read(reader: TextStreamReader, senderIdentity: string): Promise<void> {
		const attributes = reader.info.attributes ?? {};
		const id = attributes[SEGMENT_ID] ?? reader.info.id;
		const final = attributes[FINAL] === 'true';
		const speaker = this.#speaker(attributes[TRACK_ID], senderIdentity);
		this.#senders.add(senderIdentity);
		this.on = true;
		let text = '';
		try {
			for await (const chunk of reader) {
				text += chunk;
				this.#apply({ id, text, final: false, ...speaker });
			}
			if (final) this.#apply({ id, text, final, ...speaker });
		} catch {
			// the sender left mid-segment: what came stays
		}
	}

	#legacy(segments: TranscriptionSegment[], participant?: Participant, publication?: TrackPublication): void {
		// Older agents: the packet names the speaker; there is no sender to watch, so captions stay on for the call.
		this.#senders.add('');
		this.on = true;
		const speaker = participant
			? { speakerIdentity: participant.identity, speakerName: this.nameOf(participant) }
			: this.#speaker(publication?.trackSid, '');
		for (const s of segments)
			this.#apply({ id: s.id, text: s.text, final: s.final, language: s.language || undefined, ...speaker });
	}

	/** Who spoke: the owner of the transcribed track, else the sender (an agent's own speech). */
	#speaker(trackSid: string | undefined, senderIdentity: string) {
		const everyone = [this.room.localParticipant, ...this.room.remoteParticipants.values()];
		const owner =
			(trackSid && everyone.find((p) => p.trackPublications.has(trackSid))) ||
			everyone.find((p) => p.identity === senderIdentity);
		return owner
			? { speakerIdentity: owner.identity, speakerName: this.nameOf(owner) }
			: { speakerIdentity: senderIdentity, speakerName: senderIdentity };
	}

	#apply(update: Parameters<CaptionLog['apply']>[0]): void {
		this.lines = this.#log.apply(update);
	}
}
