import type { MatchParticipant, ParticipantKind } from '@cyswllt/matching';
import { Injectable } from '@nestjs/common';
import { Role } from '../../core/auth/role';
import { AccountsService } from '../accounts/accounts.service';
import { RegistrationRole } from '../booking/booking.enums';
import { MeetingsService } from '../booking/meetings.service';
import { RegistrationsService } from '../booking/registrations.service';
import { ProfilesService } from '../profiles/profiles.service';
import { ReciprocityService } from '../reciprocity/reciprocity.service';
import { ReferralCapacity } from './referral-capacity';

/** A registered person as matching sees them. */
export interface SessionPerson {
  userId: string;
  registrationRole: RegistrationRole;
  kind: ParticipantKind;
  match: MatchParticipant;
  availableSlotIds: string[];
}

/** Practitioners first: someone who is also a commissioner or link worker is matched as that. */
function kindOf(roles: Role[]): ParticipantKind | null {
  if (roles.includes(Role.COMMISSIONER)) return 'COMMISSIONER';
  if (roles.includes(Role.LINK_WORKER)) return 'LINK_WORKER';
  if (roles.includes(Role.PRACTITIONER)) return 'PRACTITIONER';
  return null;
}

/**
 * Gathers, through the other modules' services, what matching needs about a session's people:
 * profiles, organisation kinds, availability, their meeting history and reciprocity ledger. Organisers and admins who
 * registered are left out (they do not take part in matching).
 */
@Injectable()
export class SessionPeopleService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly accounts: AccountsService,
    private readonly profiles: ProfilesService,
    private readonly meetings: MeetingsService,
    private readonly capacity: ReferralCapacity,
    private readonly reciprocity: ReciprocityService,
  ) {}

  async ofSession(sessionId: string): Promise<SessionPerson[]> {
    const registrations = await this.registrations.allForSession(sessionId);
    const userIds = registrations.map((r) => r.userId);
    const [people, profiles, history, availability, ledgers] = await Promise.all([
      this.accounts.findPeople(userIds),
      this.profiles.findByUserIds(userIds),
      this.meetings.historyOf(userIds),
      this.registrations.availableSlotIds(registrations.map((r) => r.id)),
      this.reciprocity.thisYearFigures(userIds),
    ]);
    const personOf = new Map(people.map((p) => [p.user.id, p]));
    const profileOf = new Map(profiles.map((p) => [p.userId, p]));
    const placesLeft = await this.capacity.leftThisMonth(profiles);
    const result: SessionPerson[] = [];
    for (const registration of registrations) {
      const person = personOf.get(registration.userId);
      const kind = person && kindOf(person.user.roles);
      if (!person || !kind) continue;
      const profile = profileOf.get(registration.userId);
      const past = history.get(registration.userId);
      result.push({
        userId: registration.userId,
        registrationRole: registration.role,
        kind,
        availableSlotIds: availability.get(registration.id) ?? [],
        match: {
          id: registration.userId,
          kind,
          conditions: profile?.conditions ?? [],
          artForms: profile?.artForms ?? [],
          regions: profile?.regions ?? [],
          welshAbility: profile?.welshAbility ?? 'NONE',
          offers: profile?.supportOffers ?? [],
          needs: profile?.supportNeeds ?? [],
          inclusiveSpace: profile?.inclusiveSpace ?? false,
          projectTerm: profile?.projectTerm ?? null,
          // A link worker's stated capacity less the referral routes agreed this month.
          referralCapacityLeft: kind === 'LINK_WORKER' ? (placesLeft.get(registration.userId) ?? null) : null,
          organisationKind: person.organisationKind,
          meetingsSoFar: past?.meetings ?? 0,
          metBefore: past?.met ?? new Set<string>(),
          reciprocity: ledgers.get(registration.userId),
        },
      });
    }
    return result;
  }
}
