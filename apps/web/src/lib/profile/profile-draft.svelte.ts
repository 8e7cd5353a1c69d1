import type { ProfileFieldsFragment, ProfileInput, ProjectTerm, WelshAbility } from '@cyswllt/contracts';

/**
 * The profile form's state, shared by its fieldset components (each takes the draft and binds
 * to its fields). A new fieldset adds its fields here and to `toInput()`.
 */
export class ProfileDraft {
	conditions = $state<string[]>([]);
	artForms = $state<string[]>([]);
	regions = $state<string[]>([]);
	supportOffers = $state<string[]>([]);
	supportNeeds = $state<string[]>([]);
	welshAbility = $state<WelshAbility>('NONE');
	projectTerm = $state<ProjectTerm | ''>('');
	inclusiveSpace = $state(false);
	evidenceApproach = $state('');
	offers = $state('');
	needs = $state('');
	/** The number box's value: null (or undefined) when it is empty, i.e. not stated. */
	referralCapacity = $state<number | null>(null);
	/** Link workers: still take requests once this month's referral places are used up. */
	requestsWhenFull = $state(true);
	/** As saved: referral places left this month (null without a stated capacity). */
	readonly placesLeft: number | null = null;

	constructor(profile: ProfileFieldsFragment | null) {
		if (!profile) return;
		const codes = (terms: { code: string }[]) => terms.map((t) => t.code);
		this.conditions = codes(profile.conditions);
		this.artForms = codes(profile.artForms);
		this.regions = codes(profile.regions);
		this.supportOffers = codes(profile.supportOffers);
		this.supportNeeds = codes(profile.supportNeeds);
		this.welshAbility = profile.welshAbility;
		this.projectTerm = profile.projectTerm ?? '';
		this.inclusiveSpace = profile.inclusiveSpace;
		this.evidenceApproach = profile.evidenceApproach;
		this.offers = profile.offers;
		this.needs = profile.needs;
		this.referralCapacity = profile.referralCapacityPerMonth;
		this.requestsWhenFull = profile.requestsWhenFull;
		this.placesLeft = profile.referralPlacesLeft ?? null;
	}

	/** The whole profile as the API's input; referral capacity only for link workers (the API refuses it otherwise). */
	toInput(isLinkWorker: boolean): ProfileInput {
		return {
			conditions: this.conditions,
			artForms: this.artForms,
			regions: this.regions,
			supportOffers: this.supportOffers,
			supportNeeds: this.supportNeeds,
			welshAbility: this.welshAbility,
			projectTerm: this.projectTerm || null,
			inclusiveSpace: this.inclusiveSpace,
			evidenceApproach: this.evidenceApproach.trim(),
			offers: this.offers.trim(),
			needs: this.needs.trim(),
			...(isLinkWorker
				? {
						referralCapacityPerMonth: typeof this.referralCapacity === 'number' ? this.referralCapacity : null,
						requestsWhenFull: this.requestsWhenFull,
					}
				: {}),
		};
	}
}
