import { Injectable } from '@nestjs/common';
import { Actor, hasRole, Role } from '../../core/auth/role';
import { CommonError } from '../../core/errors/common.errors';
import { OrganisationKind } from '../accounts/accounts.enums';
import { AccountsService } from '../accounts/accounts.service';
import { SessionsService } from '../events/sessions.service';
import { ProjectTerm, Vocabulary } from '../profiles/profiles.enums';
import { ProfilesService } from '../profiles/profiles.service';
import { TaxonomyService } from '../profiles/taxonomy.service';
import { ReciprocityService } from '../reciprocity/reciprocity.service';
import { buildDashboard, Category, RawImpact, RawReciprocity, ReciprocitySums } from './impact-figures';
import { ImpactError, ImpactErrorCode } from './impact.errors';
import { ImpactRepository, NOT_STATED, SessionSelection } from './impact.repository';
import { ImpactFilterInput } from './inputs/impact-filter.input';
import { linkWorkerReach } from './link-worker-reach';
import { ImpactDashboard, ReachDimension, ReciprocityDimension } from './models/impact.models';

const TAXONOMY_DIMENSIONS = {
  [ReachDimension.REGION]: Vocabulary.REGION,
  [ReachDimension.CONDITION]: Vocabulary.CONDITION,
  [ReachDimension.ART_FORM]: Vocabulary.ART_FORM,
} as const;

const ENUM_DIMENSIONS = {
  [ReachDimension.ORGANISATION_KIND]: Object.values(OrganisationKind),
  [ReachDimension.INCLUSIVE_SPACE]: ['YES', 'NO'],
  [ReachDimension.PROJECT_TERM]: Object.values(ProjectTerm),
} as const;

/** The roles the ledger is broken down by (matching's participant kinds). */
const LEDGER_ROLES = [Role.PRACTITIONER, Role.COMMISSIONER, Role.LINK_WORKER];

const plain = (key: string): Category => ({ key, labelCy: null, labelEn: null });
const NOT_STATED_ROW = plain(NOT_STATED);

/**
 * The impact dashboard and a session's outcome summary: the same figures from the same SQL,
 * suppressed the same way. Organisers see their own sessions, admins all, and every participant
 * of a session sees that session's summary (co-production: results are shared).
 */
@Injectable()
export class ImpactService {
  constructor(
    private readonly repository: ImpactRepository,
    private readonly sessions: SessionsService,
    private readonly taxonomy: TaxonomyService,
    private readonly reciprocity: ReciprocityService,
    private readonly accounts: AccountsService,
    private readonly profiles: ProfilesService,
  ) {}

  /** Rule: ORGANISER (their own sessions) or ADMIN (all); naming another organiser's session is FORBIDDEN. */
  async dashboard(actor: Actor, filter: ImpactFilterInput): Promise<ImpactDashboard> {
    if (filter.from && filter.to && filter.to.getTime() <= filter.from.getTime()) {
      throw new ImpactError(ImpactErrorCode.INVALID_DATE_RANGE, 'The date range must end after it starts.', {
        from: filter.from,
        to: filter.to,
      });
    }
    const admin = hasRole(actor, Role.ADMIN);
    const sessionIds = filter.sessionIds ? [...new Set(filter.sessionIds)] : undefined;
    if (sessionIds && !admin) await this.assertOrganises(actor, sessionIds);
    return this.figures({
      organiserId: admin ? undefined : actor.id,
      sessionIds,
      from: filter.from ?? undefined,
      to: filter.to ?? undefined,
      region: filter.region ?? undefined,
      condition: filter.condition ?? undefined,
    });
  }

  /** Rule: the session's organiser, an admin, or a participant of the session (registered or in one of its meetings). */
  async sessionSummary(actor: Actor, sessionId: string): Promise<ImpactDashboard> {
    const session = await this.sessions.get(actor, sessionId);
    if (!this.sessions.isOrganiserOf(actor, session) && !(await this.repository.isParticipant(sessionId, actor.id))) {
      throw CommonError.forbidden('only the session’s participants and organisers see its outcome summary');
    }
    return this.figures({ sessionIds: [sessionId] });
  }

  private async assertOrganises(actor: Actor, sessionIds: readonly string[]): Promise<void> {
    const found = await this.sessions.findByIds(sessionIds);
    const missing = sessionIds.find((id) => !found.some((s) => s.id === id));
    if (missing) throw CommonError.notFound('ThemedSession', missing);
    const foreign = found.find((s) => !this.sessions.isOrganiserOf(actor, s));
    if (foreign) throw CommonError.forbidden('organisers see the impact of their own sessions only');
  }

  private async figures(selection: SessionSelection): Promise<ImpactDashboard> {
    const sessions = await this.repository.sessions(selection);
    const ids = sessions.map((s) => s.id);
    const categories = await this.categories();
    const none = ids.length === 0;
    const dimensions = Object.values(ReachDimension);
    const [
      reach,
      reachPerSession,
      reachBy,
      meetings,
      requests,
      followUps,
      routesBy,
      linkWorkers,
      feedback,
      ledger,
      routes,
    ] = await Promise.all([
      none ? 0 : this.repository.reach(ids),
      none ? [] : this.repository.reachPerSession(ids),
      Promise.all(dimensions.map((d) => (none ? [] : this.repository.reachBy(d, ids)))),
      none ? [] : this.repository.meetingsPerSession(ids),
      none ? { answered: 0, unanswered: 0, medianHoursToAnswer: null } : this.repository.requests(ids),
      none ? [] : this.repository.followUps(ids),
      none ? [] : this.repository.referralRoutesBy(ids),
      none ? { linkWorkers: 0, offered: 0, used: 0 } : this.repository.linkWorkerCapacity(ids),
      none ? [] : this.repository.feedback(ids),
      this.ledger(ids, categories),
      none ? [] : this.repository.linkWorkerRoutes(ids),
    ]);
    const raw: RawImpact = {
      sessions,
      reach,
      reachPerSession,
      reachBy: dimensions.map((dimension, i) => ({
        dimension,
        categories: categories[dimension],
        counts: reachBy[i]!,
      })),
      meetings,
      requests,
      followUps,
      referralRoutesBy: {
        categories: [...Object.values(OrganisationKind).map(plain), NOT_STATED_ROW],
        counts: routesBy,
      },
      linkWorkers,
      feedback,
      reciprocity: ledger,
      linkWorkerReach: linkWorkerReach(routes),
    };
    return buildDashboard(raw);
  }

  /** The ledger's people and hours in these sessions, by role, region and condition (NOT_STATED for none). */
  private async ledger(
    sessionIds: readonly string[],
    categories: Record<ReachDimension, Category[]>,
  ): Promise<RawReciprocity> {
    const totals = await this.reciprocity.totalsInSessions(sessionIds);
    const userIds = [...totals.keys()];
    const [people, profiles] = await Promise.all([
      this.accounts.findPeople(userIds),
      this.profiles.findByUserIds(userIds),
    ]);
    const rolesOf = new Map(people.map((p) => [p.user.id, p.user.roles.filter((r) => LEDGER_ROLES.includes(r))]));
    const profileOf = new Map(profiles.map((p) => [p.userId, p]));
    const keysOf: Record<ReciprocityDimension, (userId: string) => readonly string[]> = {
      [ReciprocityDimension.ROLE]: (id) => rolesOf.get(id) ?? [],
      [ReciprocityDimension.REGION]: (id) => profileOf.get(id)?.regions ?? [],
      [ReciprocityDimension.CONDITION]: (id) => profileOf.get(id)?.conditions ?? [],
    };
    const empty = (): ReciprocitySums => ({ people: 0, givenMinutes: 0, receivedMinutes: 0 });
    const add = (sums: ReciprocitySums, minutes: { givenMinutes: number; receivedMinutes: number }) => {
      sums.people += 1;
      sums.givenMinutes += minutes.givenMinutes;
      sums.receivedMinutes += minutes.receivedMinutes;
    };
    const total = empty();
    for (const minutes of totals.values()) add(total, minutes);
    const rowsOf: Record<ReciprocityDimension, Category[]> = {
      [ReciprocityDimension.ROLE]: [...LEDGER_ROLES.map(plain), NOT_STATED_ROW],
      [ReciprocityDimension.REGION]: categories[ReachDimension.REGION],
      [ReciprocityDimension.CONDITION]: categories[ReachDimension.CONDITION],
    };
    return {
      total,
      by: Object.values(ReciprocityDimension).map((dimension) => {
        const sums = new Map(rowsOf[dimension].map((c) => [c.key, empty()]));
        for (const [userId, minutes] of totals) {
          const keys = keysOf[dimension](userId).filter((key) => sums.has(key));
          for (const key of keys.length > 0 ? new Set(keys) : [NOT_STATED]) add(sums.get(key)!, minutes);
        }
        return { dimension, categories: rowsOf[dimension], sums };
      }),
    };
  }

  /** Every row each breakdown lists (zeros too), in display order, NOT_STATED last. */
  private async categories(): Promise<Record<ReachDimension, Category[]>> {
    const result = {} as Record<ReachDimension, Category[]>;
    for (const [dimension, vocabulary] of Object.entries(TAXONOMY_DIMENSIONS)) {
      const terms = await this.taxonomy.all(vocabulary);
      result[dimension as ReachDimension] = [
        ...terms.map((t) => ({ key: t.code, labelCy: t.nameCy, labelEn: t.nameEn })),
        NOT_STATED_ROW,
      ];
    }
    for (const [dimension, keys] of Object.entries(ENUM_DIMENSIONS)) {
      result[dimension as ReachDimension] = [...keys.map(plain), NOT_STATED_ROW];
    }
    return result;
  }
}
