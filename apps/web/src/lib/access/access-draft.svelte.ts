import type { AccessNeed, AccessNeedsInput } from '@cyswllt/contracts';

export const ACCESS_NEEDS: AccessNeed[] = [
	'BSL_INTERPRETER',
	'WELSH_INTERPRETATION',
	'CAPTIONS',
	'AUDIO_ONLY',
	'EXTRA_TIME',
	'BREAKS',
];

/** Access needs being filled in (profile, booking, request): what, a note, and consent. */
export class AccessDraft {
	needs = $state<AccessNeed[]>([]);
	note = $state('');
	consent = $state(false);

	/** Fills the draft from the profile's needs (consent was given when they were saved). */
	fill(saved: { needs: readonly AccessNeed[]; note?: string | null } | null | undefined): void {
		this.needs = saved ? [...saved.needs] : [];
		this.note = saved?.note ?? '';
		this.consent = !!saved && saved.needs.length + (saved.note ? 1 : 0) > 0;
	}

	get empty(): boolean {
		return this.needs.length === 0 && this.note.trim() === '';
	}

	/** Needs given without consent: nothing may be sent. */
	get missingConsent(): boolean {
		return !this.empty && !this.consent;
	}

	/** For the API: undefined when nothing is asked for. */
	input(): AccessNeedsInput | undefined {
		if (this.empty) return undefined;
		return { needs: this.needs, note: this.note.trim() || null, consent: this.consent };
	}
}
