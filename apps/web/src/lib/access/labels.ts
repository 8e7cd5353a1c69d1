import type { AccessNeed } from '@cyswllt/contracts';
import { m } from '$lib/paraglide/messages.js';

const LABELS: Record<AccessNeed, () => string> = {
	BSL_INTERPRETER: m.access_need_BSL_INTERPRETER,
	WELSH_INTERPRETATION: m.access_need_WELSH_INTERPRETATION,
	CAPTIONS: m.access_need_CAPTIONS,
	AUDIO_ONLY: m.access_need_AUDIO_ONLY,
	EXTRA_TIME: m.access_need_EXTRA_TIME,
	BREAKS: m.access_need_BREAKS,
};

/** An access need in the shown language. */
export const accessNeedLabel = (need: AccessNeed): string => LABELS[need]();
