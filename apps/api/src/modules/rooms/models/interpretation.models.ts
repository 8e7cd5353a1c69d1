import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Language } from '../../../core/auth/role';
import type { AssignedInterpreter } from '../interpretation.service';
import type { InterpreterRow } from '../interpretation.repository';

@ObjectType({ description: 'An interpreter assigned to a meeting, and the languages they interpret into.' })
export class MeetingInterpreter {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID)
  userId: string;

  @Field()
  displayName: string;

  @Field(() => [Language], { description: 'The channels they publish: cy (Cymraeg), en (English), or both.' })
  languages: Language[];

  static from(row: AssignedInterpreter): MeetingInterpreter {
    return Object.assign(new MeetingInterpreter(), row);
  }
}

@ObjectType({ description: 'A person with the interpreter role, whom an organiser may assign to a meeting.' })
export class InterpreterCandidate {
  @Field(() => ID)
  userId: string;

  @Field()
  displayName: string;

  static from(row: InterpreterRow): InterpreterCandidate {
    return Object.assign(new InterpreterCandidate(), row);
  }
}
