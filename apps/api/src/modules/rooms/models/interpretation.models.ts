import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InterpreterLanguage } from '../interpretation';

registerEnumType(InterpreterLanguage, {
  name: 'InterpreterLanguage',
  description:
    'What an interpreter interprets into: cy (Cymraeg) and en (English) audio channels, or bsl (British Sign Language, on video).',
});
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

  @Field(() => [InterpreterLanguage], {
    description: 'What they interpret into: the channels cy (Cymraeg) and en (English), and bsl (on video).',
  })
  languages: InterpreterLanguage[];

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
