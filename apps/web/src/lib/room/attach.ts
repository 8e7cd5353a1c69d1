import type { Track } from 'livekit-client';

/** An attachment for a media element showing `track`; one per track, so re-renders keep it attached. */
const attachments = new WeakMap<Track, (el: HTMLMediaElement) => () => void>();
export function attachTrack(track: Track): (el: HTMLMediaElement) => () => void {
	let fn = attachments.get(track);
	if (!fn) {
		fn = (el: HTMLMediaElement) => {
			track.attach(el);
			return () => {
				track.detach(el);
			};
		};
		attachments.set(track, fn);
	}
	return fn;
}
