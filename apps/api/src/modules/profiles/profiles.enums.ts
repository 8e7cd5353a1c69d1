export enum Vocabulary {
  CONDITION = 'CONDITION',
  ART_FORM = 'ART_FORM',
  REGION = 'REGION',
  /** Kinds of support a participant offers or needs (evaluation, funding bids, referral routes…). */
  SUPPORT = 'SUPPORT',
}

/** Self-described Welsh-language ability, after the Welsh Government's simple scale. */
export enum WelshAbility {
  NONE = 'NONE',
  LEARNER = 'LEARNER',
  CONVERSATIONAL = 'CONVERSATIONAL',
  FLUENT = 'FLUENT',
}

export enum ProjectTerm {
  SHORT = 'SHORT',
  LONG = 'LONG',
  EITHER = 'EITHER',
}

/** How a listed service reaches people (the public referral directory). */
export enum DirectoryDelivery {
  ONLINE = 'ONLINE',
  IN_PERSON = 'IN_PERSON',
  BOTH = 'BOTH',
}
