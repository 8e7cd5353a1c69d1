import { describe, expect, it } from 'vitest';
import { MeetingStatus, OutcomeSource } from '../booking/booking.enums';
import { NoShowFacts, noShowState, NoShowState } from './no-shows';

const absent: NoShowFacts = {
  status: MeetingStatus.NO_SHOW,
  outcomeSource: OutcomeSource.ROOM,
  turnedUp: false,
  othersTurnedUp: true,
  saidHappened: null,
  disputed: false,
};

describe('noShowState', () => {
  it('counts an absence the room saw (someone else waited) or an organiser decided', () => {
    expect(noShowState(absent)).toBe(NoShowState.COUNTED);
    expect(noShowState({ ...absent, status: MeetingStatus.COMPLETED })).toBe(NoShowState.COUNTED); // a group went on
    expect(noShowState({ ...absent, outcomeSource: OutcomeSource.ORGANISER, othersTurnedUp: false })).toBe(
      NoShowState.COUNTED,
    );
  });

  it('never counts someone who turned up, a room that saw nobody, or the participants’ own word', () => {
    expect(noShowState({ ...absent, turnedUp: true })).toBe(NoShowState.NONE);
    expect(noShowState({ ...absent, othersTurnedUp: false })).toBe(NoShowState.NONE);
    expect(noShowState({ ...absent, outcomeSource: OutcomeSource.PARTICIPANTS })).toBe(NoShowState.NONE);
    expect(noShowState({ ...absent, outcomeSource: OutcomeSource.ORGANISER, status: MeetingStatus.COMPLETED })).toBe(
      NoShowState.NONE,
    );
    expect(noShowState({ ...absent, status: MeetingStatus.CANCELLED })).toBe(NoShowState.NONE);
  });

  it('takes it off the count when the person contradicts it', () => {
    expect(noShowState({ ...absent, disputed: true })).toBe(NoShowState.DISPUTED);
    expect(noShowState({ ...absent, saidHappened: true })).toBe(NoShowState.DISPUTED);
    expect(noShowState({ ...absent, saidHappened: false })).toBe(NoShowState.COUNTED);
  });
});
