import { MatchParticipant } from '../scoring/scoring.types';

/** A profile with nothing in it, to override field by field in tests. */
export function profile(id: string, overrides: Partial<MatchParticipant> = {}): MatchParticipant {
  return {
    id,
    kind: 'PRACTITIONER',
    conditions: [],
    artForms: [],
    regions: [],
    welshAbility: 'NONE',
    offers: [],
    needs: [],
    inclusiveSpace: false,
    projectTerm: null,
    referralCapacityLeft: null,
    organisationKind: null,
    meetingsSoFar: 5,
    metBefore: [],
    ...overrides,
  };
}
