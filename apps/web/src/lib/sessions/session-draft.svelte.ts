import type { DeliveryLanguage, SessionTheme } from '@cyswllt/contracts';

/** What a session is about, as the create and edit forms hold it (SessionAboutFields binds to it). */
export class SessionDraft {
	titleCy = $state('');
	titleEn = $state('');
	descriptionCy = $state('');
	descriptionEn = $state('');
	theme = $state<SessionTheme>('CONDITION');
	conditions = $state<string[]>([]);
	deliveryLanguage = $state<DeliveryLanguage>('BILINGUAL');
	/** A health-board code, or '' for all Wales. */
	region = $state('');
	/** At most this many guests (the rest join the waiting list); null: no cap. */
	registrationCap = $state<number | null>(null);
	/** At most this many of a person's requests waiting for an answer; null: no cap. */
	requestCap = $state<number | null>(null);
	/** Requests unanswered this many hours after sending expire; null: at the session's start. */
	requestExpiryHours = $state<number | null>(null);

	constructor(from?: {
		titleCy: string;
		titleEn: string;
		descriptionCy: string;
		descriptionEn: string;
		theme: SessionTheme;
		conditionCodes: string[];
		deliveryLanguage: DeliveryLanguage;
		region: string | null;
		registrationCap?: number | null;
		requestCap?: number | null;
		requestExpiryHours?: number | null;
	}) {
		if (!from) return;
		this.titleCy = from.titleCy;
		this.titleEn = from.titleEn;
		this.descriptionCy = from.descriptionCy;
		this.descriptionEn = from.descriptionEn;
		this.theme = from.theme;
		this.conditions = from.conditionCodes;
		this.deliveryLanguage = from.deliveryLanguage;
		this.region = from.region ?? '';
		this.registrationCap = from.registrationCap ?? null;
		this.requestCap = from.requestCap ?? null;
		this.requestExpiryHours = from.requestExpiryHours ?? null;
	}

	/** The fields as the API's create and update inputs name them. */
	about() {
		return {
			titleCy: this.titleCy.trim(),
			titleEn: this.titleEn.trim(),
			descriptionCy: this.descriptionCy.trim(),
			descriptionEn: this.descriptionEn.trim(),
			theme: this.theme,
			conditions: this.theme === 'CONDITION' ? this.conditions : [],
			deliveryLanguage: this.deliveryLanguage,
			region: this.region || null,
			registrationCap: this.registrationCap || null,
			requestCap: this.requestCap || null,
			requestExpiryHours: this.requestExpiryHours || null,
		};
	}
}
