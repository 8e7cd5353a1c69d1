/** What was agreed to happen after a meeting. */
export enum FollowUpKind {
  /** A referral route agreed, with the referring organisation (e.g. a health board's discharge team). */
  REFERRAL_ROUTE = 'REFERRAL_ROUTE',
  SHARE_EVIDENCE = 'SHARE_EVIDENCE',
  PILOT = 'PILOT',
  INTRODUCTION = 'INTRODUCTION',
  FUNDING_BID = 'FUNDING_BID',
  OTHER = 'OTHER',
}

/** OPEN → IN_PROGRESS → DONE / DROPPED (OPEN may go straight to DONE or DROPPED). */
export enum FollowUpStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  DROPPED = 'DROPPED',
}
