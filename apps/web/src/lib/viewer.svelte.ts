import { AcceptInvitationDocument, LogInDocument, LogOutDocument, MeDocument, ResetPasswordDocument, SignUpDocument, UpdateMyLanguageDocument, UpdateMyNameDocument } from '@cyswllt/contracts';
import type { AcceptInvitationInput, MeQuery, Role, SignUpInput } from '@cyswllt/contracts';
import { gql } from '$lib/graphql/client';
import { language, type Language } from '$lib/i18n.svelte';

export type Me = NonNullable<MeQuery['me']>;

/** Roles that may register as a HOST and offer slots (apps/api registrations.service.ts). */
const HOST_ROLES: Role[] = ['PRACTITIONER', 'COMMISSIONER', 'LINK_WORKER'];

/**
 * Who is signed in, if anyone. Loaded once by the root layout; sign in, sign up and sign out go
 * through here so the header and every page follow. The account's preferred language is the
 * language shown after signing in; switching language while signed in saves it to the account.
 */
class Viewer {
	me = $state.raw<Me | null>(null);
	/** True once `me` has been asked for (whatever the answer). */
	loaded = $state(false);
	/** Set when the last attempt to save the language to the account failed. */
	languageSaveFailed = $state(false);

	get signedIn(): boolean {
		return this.me !== null;
	}

	hasRole(...roles: Role[]): boolean {
		return this.me !== null && this.me.roles.some((role) => roles.includes(role) || role === 'ADMIN');
	}

	get canHost(): boolean {
		return this.me !== null && this.me.roles.some((role) => HOST_ROLES.includes(role));
	}

	async load(fetcher?: typeof fetch): Promise<void> {
		try {
			this.me = (await gql(MeDocument, {}, { fetch: fetcher })).me;
		} catch {
			this.me = null;
		} finally {
			this.loaded = true;
		}
	}

	async signIn(email: string, password: string): Promise<Me> {
		const me = (await gql(LogInDocument, { input: { email, password } })).logIn;
		this.me = me;
		language.set(me.preferredLanguage);
		return me;
	}

	/** Sets a new password with an e-mailed reset link; the server signs this browser in (and every other one out). */
	async resetPassword(token: string, password: string): Promise<Me> {
		const me = (await gql(ResetPasswordDocument, { input: { token, password } })).resetPassword;
		this.me = me;
		language.set(me.preferredLanguage);
		return me;
	}

	async signUp(input: SignUpInput): Promise<Me> {
		const me = (await gql(SignUpDocument, { input })).signUp;
		this.me = me;
		language.set(me.preferredLanguage);
		return me;
	}

	/** Creates the account an invitation was for, and signs in as it. */
	async acceptInvitation(input: AcceptInvitationInput): Promise<Me> {
		const me = (await gql(AcceptInvitationDocument, { input })).acceptInvitation;
		this.me = me;
		language.set(me.preferredLanguage);
		return me;
	}

	async signOut(): Promise<void> {
		await gql(LogOutDocument, {});
		this.me = null;
	}

	/** Changes the name others see (the header follows). */
	async rename(displayName: string): Promise<void> {
		const saved = (await gql(UpdateMyNameDocument, { displayName })).updateMe;
		if (this.me?.id === saved.id) this.me = { ...this.me, displayName: saved.displayName };
	}

	/** Shows `next` and, when signed in, saves it as the account's preferred language. */
	async setLanguage(next: Language): Promise<void> {
		language.set(next);
		this.languageSaveFailed = false;
		const me = this.me;
		if (me === null || me.preferredLanguage === next) return;
		try {
			const saved = (await gql(UpdateMyLanguageDocument, { language: next })).updateMe;
			if (this.me?.id === saved.id) this.me = { ...this.me, preferredLanguage: saved.preferredLanguage };
		} catch {
			this.languageSaveFailed = true;
		}
	}
}

export const viewer = new Viewer();
