export enum Role {
  ORGANISER = 'ORGANISER',
  PRACTITIONER = 'PRACTITIONER',
  COMMISSIONER = 'COMMISSIONER',
  LINK_WORKER = 'LINK_WORKER',
  /** Interprets Welsh ↔ English in meetings an organiser assigns them to; never a party to a meeting's outcome. */
  INTERPRETER = 'INTERPRETER',
  ADMIN = 'ADMIN',
}

export enum Language {
  cy = 'cy',
  en = 'en',
}

/** The signed-in person a request acts for. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  roles: Role[];
  loginSessionId: string;
  /** The account's e-mail address is confirmed (see @ConfirmedEmail). */
  emailConfirmed: boolean;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.includes(Role.ADMIN) || roles.some((role) => actor.roles.includes(role));
}
