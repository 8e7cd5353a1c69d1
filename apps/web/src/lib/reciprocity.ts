import type { ExchangeKind } from '@cyswllt/contracts';
import { m } from '$lib/paraglide/messages.js';

/** Every exchange kind, in the API's order. */
export const EXCHANGE_KINDS: readonly ExchangeKind[] = [
	'ADVICE',
	'INTRODUCTION',
	'EVIDENCE',
	'REFERRAL_ROUTE',
	'PEER_SUPPORT',
	'OTHER',
];

const LABELS: Record<ExchangeKind, () => string> = {
	ADVICE: m.exchange_advice,
	INTRODUCTION: m.exchange_introduction,
	EVIDENCE: m.exchange_evidence,
	REFERRAL_ROUTE: m.exchange_referral_route,
	PEER_SUPPORT: m.exchange_peer_support,
	OTHER: m.exchange_other,
};

export function exchangeLabel(kind: ExchangeKind): string {
	return LABELS[kind]();
}

/** Minutes as hours with one decimal ("1.5"): the ledger's unit, the same in both languages. */
export function hours(minutes: number): string {
	return (Math.round(minutes / 6) / 10).toFixed(1);
}
