/**
 * What one person gave or got in a held meeting. The follow-up kinds that are exchanges
 * (introduction, evidence shared, referral route) and the two that follow-ups do not record:
 * advice and peer support.
 */
export enum ExchangeKind {
  ADVICE = 'ADVICE',
  INTRODUCTION = 'INTRODUCTION',
  EVIDENCE = 'EVIDENCE',
  REFERRAL_ROUTE = 'REFERRAL_ROUTE',
  PEER_SUPPORT = 'PEER_SUPPORT',
  OTHER = 'OTHER',
}

/** At most this much of one's own time (preparation, writing up) may be added to a meeting's given time. */
export const MAX_PREPARATION_MINUTES = 120;
