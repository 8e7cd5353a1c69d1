export enum Role {
  ORGANISER = 'ORGANISER',
  PRACTITIONER = 'PRACTITIONER',
  COMMISSIONER = 'COMMISSIONER',
  LINK_WORKER = 'LINK_WORKER',
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
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.includes(Role.ADMIN) || roles.some((role) => actor.roles.includes(role));
}
