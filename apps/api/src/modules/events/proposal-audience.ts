/** What decides who is shown an open theme proposal. */
export interface ProposalScope {
  region: string | null;
  conditions: readonly string[];
}

/** The regions and conditions a participant's profile names (empty when they have no profile). */
export interface ParticipantScope {
  regions: readonly string[];
  conditions: readonly string[];
}

/**
 * Whether an open proposal is for this participant: its region is one of theirs (a proposal with
 * no region is for all Wales), and it shares a condition with them (a proposal with no condition
 * is open to everyone, like an OPEN session).
 */
export function proposalIsFor(proposal: ProposalScope, person: ParticipantScope): boolean {
  const region = proposal.region === null || person.regions.includes(proposal.region);
  const condition = proposal.conditions.length === 0 || proposal.conditions.some((c) => person.conditions.includes(c));
  return region && condition;
}
