import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../core/auth/role';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { CommonError } from '../../core/errors/common.errors';
import { assertTransition } from '../../core/errors/state-machine';
import { FollowUpActionEntity } from './entities/follow-up-action.entity';
import { FollowUpUpdateEntity } from './entities/follow-up-update.entity';
import { FollowUpActionsRepository } from './follow-up-actions.repository';
import { FollowUpKind, FollowUpStatus } from './followups.enums';
import { FollowupsError, FollowupsErrorCode } from './followups.errors';
import { FOLLOW_UP_TRANSITIONS, OPEN_STATUSES } from './followups-transitions';
import {
  ChangeFollowUpStatusInput,
  ReassignFollowUpActionInput,
  RecordFollowUpActionInput,
} from './inputs/followups.inputs';
import { MeetingAccess } from './meeting-access';

const ENTITY = 'FollowUpAction';

@Injectable()
export class FollowUpActionsService {
  constructor(
    private readonly db: Database,
    private readonly actions: FollowUpActionsRepository,
    private readonly access: MeetingAccess,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.access.today();
  }

  /** A participant records an action once the meeting is under way; it starts OPEN, with a creation entry in its history. */
  async record(actor: Actor, input: RecordFollowUpActionInput): Promise<FollowUpActionEntity> {
    this.assertReferralDetails(input);
    this.assertDueDate(input.dueOn);
    return this.db.write(async (em) => {
      const { meeting, participantIds } = await this.access.heldWithParticipant(actor, input.meetingId, em);
      if (!participantIds.has(input.ownerId)) {
        throw new FollowupsError(
          FollowupsErrorCode.OWNER_NOT_A_PARTICIPANT,
          'The owner must be one of the meeting’s participants.',
          { ownerId: input.ownerId },
        );
      }
      const now = this.clock.now();
      const action: FollowUpActionEntity = {
        id: randomUUID(),
        meetingId: meeting.id,
        createdById: actor.id,
        ownerId: input.ownerId,
        kind: input.kind,
        referringOrganisationKind: input.referringOrganisationKind ?? null,
        referringTeam: input.referringTeam?.trim() ?? null,
        description: input.description.trim(),
        dueOn: input.dueOn,
        status: FollowUpStatus.OPEN,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      };
      await this.actions.insert(action, em);
      await this.actions.insertUpdate(
        {
          id: randomUUID(),
          actionId: action.id,
          seq: 0,
          authorId: actor.id,
          fromStatus: null,
          toStatus: FollowUpStatus.OPEN,
          comment: null,
          createdAt: now,
        },
        em,
      );
      return action;
    });
  }

  /** The owner moves the action on (OPEN → IN_PROGRESS → DONE / DROPPED), with an optional comment. */
  async changeStatus(actor: Actor, input: ChangeFollowUpStatusInput): Promise<FollowUpActionEntity> {
    return this.db.write(async (em) => {
      const action = await this.owned(actor, input.actionId, em);
      assertTransition(ENTITY, FOLLOW_UP_TRANSITIONS, action.status, input.status);
      const now = this.clock.now();
      const closedAt = OPEN_STATUSES.includes(input.status) ? null : now;
      const changes = { status: input.status, updatedAt: now, closedAt };
      if (!(await this.actions.update(action.id, action.status, changes, em)))
        throw CommonError.invalidTransition(ENTITY, action.status, input.status);
      await this.addHistory(action.id, actor.id, action.status, input.status, comment(input.comment), now, em);
      return { ...action, ...changes };
    });
  }

  /** The owner hands an open action to another of the meeting's participants. */
  async reassign(actor: Actor, input: ReassignFollowUpActionInput): Promise<FollowUpActionEntity> {
    return this.db.write(async (em) => {
      const action = await this.owned(actor, input.actionId, em);
      if (!OPEN_STATUSES.includes(action.status))
        throw CommonError.invalidTransition(ENTITY, action.status, action.status);
      if (!(await this.access.participantIds(action.meetingId, em)).has(input.ownerId)) {
        throw new FollowupsError(
          FollowupsErrorCode.OWNER_NOT_A_PARTICIPANT,
          'The owner must be one of the meeting’s participants.',
          { ownerId: input.ownerId },
        );
      }
      const now = this.clock.now();
      const changes = { ownerId: input.ownerId, updatedAt: now };
      if (!(await this.actions.update(action.id, action.status, changes, em)))
        throw CommonError.invalidTransition(ENTITY, action.status, action.status);
      await this.addHistory(action.id, actor.id, action.status, action.status, comment(input.comment), now, em);
      return { ...action, ...changes };
    });
  }

  /** Every action still open (OPEN or IN_PROGRESS) that falls due on `dueOn`: for the due-date e-mails. */
  async openDueOn(dueOn: string): Promise<FollowUpActionEntity[]> {
    const PAGE = 500;
    const all: FollowUpActionEntity[] = [];
    for (
      let page = await this.actions.openDueOn(dueOn, '', PAGE);
      ;
      page = await this.actions.openDueOn(dueOn, all[all.length - 1]!.id, PAGE)
    ) {
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }

  /** The actions by id, whoever may see them (for rendering e-mails about them). */
  findByIds(ids: readonly string[]): Promise<FollowUpActionEntity[]> {
    return this.actions.findByIds(ids);
  }

  /** Owned by the actor or in a meeting they were in: overdue first, then by due date. */
  mine(actor: Actor, first: number): Promise<FollowUpActionEntity[]> {
    return this.actions.mine(actor.id, this.today(), first);
  }

  /** The actions of those meetings the actor may see (participants, present or past, and the session's organisers). */
  async ofMeetings(actor: Actor, meetingIds: readonly string[]): Promise<FollowUpActionEntity[]> {
    const visible = await this.access.visibleMeetings(actor, meetingIds);
    return this.actions.ofMeetings([...visible]);
  }

  historyOf(actionIds: readonly string[]): Promise<FollowUpUpdateEntity[]> {
    return this.actions.updatesOf(actionIds);
  }

  /** The action, for its owner; NOT_ACTION_OWNER for others who may see it, NOT_FOUND for everyone else. */
  private async owned(actor: Actor, actionId: string, em: EntityManager): Promise<FollowUpActionEntity> {
    const action = await this.actions.lock(actionId, em);
    if (action && action.ownerId === actor.id) return action;
    if (!action || !(await this.access.canSee(actor, action.meetingId))) throw CommonError.notFound(ENTITY, actionId);
    throw new FollowupsError(FollowupsErrorCode.NOT_ACTION_OWNER, 'Only the action’s owner can change it.', {
      actionId,
    });
  }

  private assertReferralDetails(input: RecordFollowUpActionInput): void {
    if (input.kind === FollowUpKind.REFERRAL_ROUTE) {
      if (!input.referringOrganisationKind) {
        throw new FollowupsError(
          FollowupsErrorCode.REFERRING_ORGANISATION_REQUIRED,
          'Say which kind of organisation will refer.',
        );
      }
    } else if (input.referringOrganisationKind || input.referringTeam) {
      throw new FollowupsError(
        FollowupsErrorCode.REFERRAL_DETAILS_NOT_ALLOWED,
        'Only a referral route has a referring organisation and team.',
      );
    }
  }

  private assertDueDate(dueOn: string): void {
    if (!DateTime.fromISO(dueOn).isValid)
      throw CommonError.badInput('The due date is not a date.', { dueOn: ['not a calendar date'] });
    const today = this.today();
    if (dueOn < today)
      throw new FollowupsError(FollowupsErrorCode.DUE_DATE_IN_PAST, 'The due date is in the past.', { dueOn, today });
  }

  /** Appends a step to a (locked) action's history. */
  private async addHistory(
    actionId: string,
    authorId: string,
    fromStatus: FollowUpStatus,
    toStatus: FollowUpStatus,
    text: string | null,
    now: Date,
    em: EntityManager,
  ) {
    const seq = await this.actions.nextSeq(actionId, em);
    await this.actions.insertUpdate(
      { id: randomUUID(), actionId, seq, authorId, fromStatus, toStatus, comment: text, createdAt: now },
      em,
    );
  }
}

/** An optional comment: trimmed, and null when empty. */
function comment(text: string | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
