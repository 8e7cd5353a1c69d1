import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { Actor, Role } from '../../core/auth/role';
import { AssignInterpreterInput, RoomParticipantInput } from './inputs/rooms.inputs';
import { InterpretationService } from './interpretation.service';
import { InterpreterCandidate, MeetingInterpreter } from './models/interpretation.models';

/** Interpreters for meetings (docs/interpretation-and-access.md). */
@Resolver()
export class InterpretationResolver {
  constructor(private readonly interpretation: InterpretationService) {}

  /** Rule: ORGANISER role (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Query(() => [InterpreterCandidate], { description: 'People with the interpreter role.' })
  async interpreterCandidates(): Promise<InterpreterCandidate[]> {
    return (await this.interpretation.candidates()).map(InterpreterCandidate.from);
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Query(() => [MeetingInterpreter])
  async meetingInterpreters(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingInterpreter[]> {
    return (await this.interpretation.ofMeeting(actor, meetingId)).map(MeetingInterpreter.from);
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Mutation(() => MeetingInterpreter, {
    description: 'Assigns an interpreter to the meeting (or changes their languages).',
  })
  async assignInterpreter(
    @Args('input') input: AssignInterpreterInput,
    @CurrentUser() actor: Actor,
  ): Promise<MeetingInterpreter> {
    return MeetingInterpreter.from(
      await this.interpretation.assign(actor, input.meetingId, input.userId, input.languages),
    );
  }

  /** Rule: ORGANISER role and organiser of the meeting's session (or ADMIN). */
  @Roles(Role.ORGANISER)
  @Mutation(() => Boolean)
  async unassignInterpreter(@Args('input') input: RoomParticipantInput, @CurrentUser() actor: Actor): Promise<boolean> {
    return this.interpretation.unassign(actor, input.meetingId, input.userId);
  }
}
