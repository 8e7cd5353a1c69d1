import { CommonError } from './common.errors';

/** For each state, the states it may move to. Every status change in the domain goes through one. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export function assertTransition<S extends string>(entity: string, transitions: Transitions<S>, from: S, to: S): void {
  if (!transitions[from].includes(to)) throw CommonError.invalidTransition(entity, from, to);
}

/** States from which `to` can be reached: the guard of a conditional UPDATE … WHERE status IN (…). */
export function sourcesOf<S extends string>(transitions: Transitions<S>, to: S): S[] {
  return (Object.keys(transitions) as S[]).filter((from) => transitions[from].includes(to));
}
