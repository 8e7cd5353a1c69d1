import {
	AcceptInvitationDocument,
	ConfirmEmailDocument,
	LogInDocument,
	LogOutDocument,
	MeDocument,
	ResendEmailConfirmationDocument,
	ResetPasswordDocument,
	SignUpDocument,
	UpdateMyLanguageDocument,
	UpdateMyNameDocument,
} from '@cyswllt/contracts';
import type { AcceptInvitationInput, MeQuery, Role, SignUpInput } from '@cyswllt/contracts';
import { gql } from '$lib/graphql/client';
import type { Language } from '$lib/i18n.svelte';

export type Me = NonNullable<MeQuery['me']>;

/** Roles that may register as a HOST and offer slots (apps/api registrations.service.ts). */
const HOST_ROLES: Role[] = ['PRACTITIONER', 'COMMISSIONER', 'LINK_WORKER'];

/**
 * Who is signed in, if anyone. Loaded once by the root layout; sign in, sign up and sign out go
 * through here so the header and every page follow. Signing in never changes the page's language
 * (the address's); the account's preferredLanguage is the language of its e-mails and calendar
 * invitations, changed only on the settings page.
 */
class Viewer {
	me = $state.raw<Me | null>(null);
	/** True once `me` has been asked for (whatever the answer). */
	loaded = $state(false);

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
		return me;
	}

	/** Sets a new password with an e-mailed reset link; the server signs this browser in (and every other one out). */
	async resetPassword(token: string, password: string): Promise<Me> {
		const me = (await gql(ResetPasswordDocument, { input: { token, password } })).resetPassword;
		this.me = me;
		return me;
	}

	/**
	 * Creates an account, or not (the address already has one, or an invitation waits for it): the
	 * server answers both alike, signs nobody in, and e-mails the address either a confirmation
	 * link or how to sign in.
	 */
	async signUp(input: SignUpInput): Promise<void> {
		await gql(SignUpDocument, { input });
	}

	/** Follows an e-mailed confirmation link; signs nobody in, but a signed-in viewer is confirmed from now on. */
	async confirmEmail(token: string): Promise<void> {
		await gql(ConfirmEmailDocument, { token });
		if (this.me) await this.load();
	}

	/** Asks for a new confirmation link for `email` (the server answers alike for any address). */
	async resendConfirmation(email: string): Promise<void> {
		await gql(ResendEmailConfirmationDocument, { email });
	}

	/** Creates the account an invitation was for, and signs in as it. */
	async acceptInvitation(input: AcceptInvitationInput): Promise<Me> {
		const me = (await gql(AcceptInvitationDocument, { input })).acceptInvitation;
		this.me = me;
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

	/** Sets the language of the account's e-mails and calendar invitations (not the page's). */
	async setEmailLanguage(next: Language): Promise<void> {
		const saved = (await gql(UpdateMyLanguageDocument, { language: next })).updateMe;
		if (this.me?.id === saved.id) this.me = { ...this.me, preferredLanguage: saved.preferredLanguage };
	}
}

export const viewer = new Viewer();
