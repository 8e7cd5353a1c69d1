export enum SessionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  LIVE = 'LIVE',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

export enum SessionTheme {
  /** Themed by one or more health conditions. */
  CONDITION = 'CONDITION',
  /** Open to all conditions: inclusive community arts. */
  OPEN = 'OPEN',
}

export enum DeliveryLanguage {
  cy = 'cy',
  en = 'en',
  BILINGUAL = 'BILINGUAL',
}

export enum ProposalStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

/** How a participant backs a theme proposal. */
export enum BackingKind {
  /** "I'd come" */
  ATTEND = 'ATTEND',
  /** "I could host" */
  HOST = 'HOST',
}
