import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { LedgerTotals } from '../ledger';
import { ExchangeKind } from '../reciprocity.enums';
import type { HistoryLine, MyLedger } from '../reciprocity.service';

registerEnumType(ExchangeKind, { name: 'ExchangeKind', description: 'What someone gave or got in a held meeting.' });

@ObjectType({ description: 'Time given and received in held meetings, in minutes.' })
export class ReciprocityTotals {
  @Field(() => Int)
  givenMinutes: number;

  @Field(() => Int)
  receivedMinutes: number;

  @Field(() => Int, { description: 'Given less received.' })
  balanceMinutes: number;

  static from(totals: LedgerTotals): ReciprocityTotals {
    return Object.assign(new ReciprocityTotals(), {
      ...totals,
      balanceMinutes: totals.givenMinutes - totals.receivedMinutes,
    });
  }
}

@ObjectType({ description: 'One held meeting in the caller’s ledger.' })
export class ReciprocityEntry {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID)
  sessionId: string;

  @Field()
  sessionTitleCy: string;

  @Field()
  sessionTitleEn: string;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int, { description: 'The meeting’s length, to its (possibly extended) end.' })
  lengthMinutes: number;

  @Field(() => Int, { description: 'Own time added to what was given (0–120).' })
  preparationMinutes: number;

  @Field(() => Int)
  givenMinutes: number;

  @Field(() => Int, {
    description: 'The meeting’s length; 0 when the person said they gave something and got nothing.',
  })
  receivedMinutes: number;

  @Field(() => [ExchangeKind])
  gave: ExchangeKind[];

  @Field(() => [ExchangeKind])
  got: ExchangeKind[];

  @Field({ description: 'Whether the person has recorded what they gave and got.' })
  recorded: boolean;

  /** Resolved to people by ReciprocityResolver. */
  otherIds: string[];

  static from(line: HistoryLine): ReciprocityEntry {
    return Object.assign(new ReciprocityEntry(), line);
  }
}

@ObjectType({ description: 'The caller’s reciprocity ledger: balance and history.' })
export class MyReciprocity {
  @Field(() => ReciprocityTotals)
  allTime: ReciprocityTotals;

  @Field(() => ReciprocityTotals, { description: 'Since 1 January (Europe/London).' })
  thisYear: ReciprocityTotals;

  @Field({ description: 'Whether the profile shows hours given and received to others.' })
  showOnProfile: boolean;

  @Field(() => [ReciprocityEntry], { description: 'Held meetings, latest first.' })
  history: ReciprocityEntry[];

  static from(ledger: MyLedger): MyReciprocity {
    return Object.assign(new MyReciprocity(), {
      allTime: ReciprocityTotals.from(ledger.allTime),
      thisYear: ReciprocityTotals.from(ledger.thisYear),
      showOnProfile: ledger.showOnProfile,
      history: ledger.history.map(ReciprocityEntry.from),
    });
  }
}
