/**
 * The engine under `Deferred`: its private state and the loop that runs its chain.
 * Kept apart from `deferred.ts`, which holds the public API and its documentation.
 *
 * @packageDocumentation
 */
import { isDeferred, isFailure, isThenable } from './brands';
import type { Deferred } from './deferred';
import { AlreadyCalledError, CancelledError, DeferredUsageError } from './errors';
import { Failure } from './failure';
import { messages } from './messages';
import { captureCreationSite, type CreationSite } from './creationSite';
import { isHandled, noteChainEnd, noteHandled, unhandledState } from './unhandled';

/** A callback or errback as stored (`any`: links hold callbacks of every signature). @internal */
export type Step = (result: any, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One (callback, errback) pair; `null` passes the result through unchanged. */
export interface Link {
  cb: Step | null;
  eb: Step | null;
  cbArgs: readonly unknown[];
  ebArgs: readonly unknown[];
  /** Set on the link an outer Deferred adds to the inner one it waits on: hand it our result. */
  resume: Deferred<unknown> | null;
}

/**
 * A Deferred's private state. It sits under a module-local symbol rather than in
 * `#private` fields: a class with private members is nominal in TypeScript, and the
 * Deferreds of the dist/ and src/ copies of the library must be assignable to each
 * other (tests pass src Deferreds to the runner's assertions). The symbol is this
 * copy's own, so the other copy's Deferreds are only ever used through their methods.
 */
export interface State {
  links: Link[];
  /** Index of the next link to run. */
  next: number;
  called: boolean;
  result: unknown;
  /** Unmatched `pause()` calls (the user's). */
  paused: number;
  /** The Deferred whose result we wait for, after a callback returned it. */
  chainedTo: Deferred<unknown> | null;
  running: boolean;
  canceller: ((d: never) => void) | undefined;
  suppressAlreadyCalled: boolean;
  /** Whether this Deferred may be in the unhandled registry (saves a Set lookup per success). */
  mayBeRegistered: boolean;
  id: number;
  /** Where it was created: captured only under the runner, for the unhandled-failure report. */
  createdAt: CreationSite | undefined;
}

const STATE = Symbol('trial-ts.deferred.state');
type Stateful = { [STATE]: State };

/** The state of a Deferred of this copy. @internal */
export function stateOf(d: Deferred<unknown>): State {
  return (d as unknown as Stateful)[STATE];
}

/** Arguments of a callback added without extra arguments. */
export const NO_ARGS: readonly unknown[] = Object.freeze([]);
let lastId = 0;

/**
 * The initial state of a new Deferred, stored on it under this copy's symbol.
 *
 * @param d - the new Deferred.
 * @param canceller - its canceller, if any.
 * @param constructor - the constructor being run (`new.target`), left out of the creation site.
 */
export function initState(d: Deferred<unknown>, canceller: ((d: never) => void) | undefined, constructor: Function): void {
  const state: State = {
    links: [],
    next: 0,
    called: false,
    result: undefined,
    paused: 0,
    chainedTo: null,
    running: false,
    canceller,
    suppressAlreadyCalled: false,
    mayBeRegistered: false,
    id: 0,
    createdAt: unhandledState.collecting ? captureCreationSite(constructor) : undefined,
  };
  (d as unknown as Stateful)[STATE] = state;
}

type DeferredFactory = (canceller?: (d: Deferred<unknown>) => void) => Deferred<unknown>;
let factory: DeferredFactory | undefined;

/**
 * Tell the engine how to make a Deferred (for stand-ins of promises and foreign
 * Deferreds). `deferred.ts` registers it once the class exists; this keeps the import
 * graph free of cycles.
 */
export function setDeferredFactory(make: DeferredFactory): void {
  factory = make;
}

function createDeferred(canceller?: (d: Deferred<unknown>) => void): Deferred<unknown> {
  return factory!(canceller);
}

/**
 * Fire `d` when `thenable` settles: with its value, or with a Failure of the reason.
 *
 * @returns `d`.
 */
export function fromThenable<D extends Deferred<unknown>>(thenable: PromiseLike<unknown>, d: D): D {
  try {
    thenable.then(
      (value) => d.callback(value),
      (reason: unknown) => d.errback(reason),
    );
  } catch (error) {
    d.errback(error);
  }
  return d;
}

/** The Deferred's display number, assigned when first shown. @internal */
export function label(state: State): number {
  if (state.id === 0) state.id = ++lastId;
  return state.id;
}

/** Append a link to `d`'s chain and run it if `d` has fired. @internal */
export function addLink<D extends Deferred<unknown>>(
  d: D,
  cb: Step | null,
  eb: Step | null,
  cbArgs: readonly unknown[],
  ebArgs: readonly unknown[],
): D {
  const state = stateOf(d);
  state.links.push({ cb, eb, cbArgs, ebArgs, resume: null });
  if (state.called) runCallbacks(d);
  return d;
}

/**
 * Fire `d` with `result` (a value, or a Failure for the error path).
 *
 * @throws AlreadyCalledError when `d` already fired and no cancellation swallow is pending.
 * @internal
 */
export function start(d: Deferred<unknown>, result: unknown): void {
  const state = stateOf(d);
  if (state.called) {
    if (state.suppressAlreadyCalled) {
      state.suppressAlreadyCalled = false;
      return;
    }
    throw new AlreadyCalledError();
  }
  state.called = true;
  state.result = result;
  runCallbacks(d);
}

/** `cancel()` of a Deferred that has not fired: see `Deferred.cancel`. @internal */
export function cancelUnfired(d: Deferred<unknown>): void {
  const state = stateOf(d);
  const canceller = state.canceller as ((d: Deferred<unknown>) => void) | undefined;
  state.canceller = undefined;
  if (canceller === undefined) {
    state.suppressAlreadyCalled = true;
  } else {
    try {
      canceller(d);
    } catch (error) {
      if (state.called) throw error;
      d.errback(error);
      return;
    }
  }
  if (!state.called) d.errback(new CancelledError());
}

/**
 * Run the chain of `d`. Iterative: when an inner Deferred hands its result to an outer
 * one, the loop moves on to the outer one (remembering the inner in `waiting`) instead
 * of running it by a nested call, so the stack stays flat however deep Deferreds nest.
 */
export function runCallbacks(d: Deferred<unknown>): void {
  // A callback added (or an unpause) from inside a running callback is picked up by
  // the loop already running this Deferred.
  if (stateOf(d).running) return;
  let current = d;
  // The Deferreds that handed their result to an outer one and have links left.
  let waiting: Deferred<unknown>[] | null = null;
  for (;;) {
    const state = stateOf(current);
    const outer = state.paused > 0 || state.chainedTo !== null || state.running ? null : step(current, state);
    if (outer !== null) {
      (waiting ??= []).push(current);
      current = outer;
      continue;
    }
    if (state.next === state.links.length && !state.running) {
      state.links.length = 0;
      state.next = 0;
    }
    noteEnd(current, state);
    if (waiting === null || waiting.length === 0) return;
    current = waiting.pop()!;
  }
}

/**
 * Run `d`'s links until it ends, pauses, or hands its result to the outer Deferred
 * waiting on it.
 *
 * @returns that outer Deferred, which the caller runs next (`d` may have links left), or null.
 */
function step(d: Deferred<unknown>, state: State): Deferred<unknown> | null {
  const links = state.links;
  while (state.paused === 0 && state.chainedTo === null && state.next < links.length) {
    const link = links[state.next++]!;
    const prior = state.result;
    const failed = isFailure(prior);
    if (link.resume !== null) {
      const outer = link.resume;
      const outerState = stateOf(outer);
      if (failed && isHandled(d, prior)) noteHandled(outer, prior);
      outerState.result = prior;
      outerState.chainedTo = null;
      state.result = undefined;
      return outer;
    }
    const fn = failed ? link.eb : link.cb;
    if (fn === null) continue;
    state.running = true;
    try {
      state.result = fn(prior, ...(failed ? link.ebArgs : link.cbArgs));
    } catch (error) {
      // Rethrowing the current failure's value (as `trap` does) keeps that Failure.
      state.result = failed && prior.value === error ? prior : Failure.from(error);
    } finally {
      state.running = false;
    }
    const result = state.result;
    if (typeof result === 'object' && result !== null && (isDeferred(result) || isThenable(result))) {
      waitFor(d, state, result);
    }
  }
  return null;
}

/** A callback of `d` returned `result`, a Deferred or thenable: take its result now, or wait for it. */
function waitFor(d: Deferred<unknown>, state: State, result: PromiseLike<unknown>): void {
  const inner = adopt(result);
  if (inner === d) {
    state.result = new Failure(new DeferredUsageError(messages.returnedItself));
    return;
  }
  const innerState = stateOf(inner);
  if (innerState.called && innerState.paused === 0 && innerState.chainedTo === null && !innerState.running) {
    const innerResult = innerState.result;
    if (isFailure(innerResult) && isHandled(inner, innerResult)) noteHandled(d, innerResult);
    // The outer Deferred owns the result now: a failure must not be reported twice.
    innerState.result = undefined;
    noteEnd(inner, innerState);
    state.result = innerResult;
    return;
  }
  state.chainedTo = inner;
  state.result = inner;
  innerState.links.push({ cb: null, eb: null, cbArgs: NO_ARGS, ebArgs: NO_ARGS, resume: d });
}

/** Tell the unhandled registry where `d`'s chain stopped. */
export function noteEnd(d: Deferred<unknown>, state: State): void {
  const result = state.result;
  if (state.paused === 0 && state.chainedTo === null && isFailure(result)) {
    state.mayBeRegistered = true;
    noteChainEnd(d, result, state.createdAt);
  } else if (state.mayBeRegistered) {
    state.mayBeRegistered = false;
    noteChainEnd(d, undefined);
  }
}

/**
 * The same-copy Deferred to wait on for `value`: itself, a local stand-in for a
 * Deferred of the other library copy (whose private state we cannot reach), or a
 * Deferred of a promise.
 */
function adopt(value: PromiseLike<unknown>): Deferred<unknown> {
  if (STATE in value) return value as unknown as Deferred<unknown>; // this copy's own Deferred
  if (!isDeferred(value)) return fromThenable(value, createDeferred());
  const foreign = value;
  const local = createDeferred(() => foreign.cancel());
  foreign.addCallbacks(
    (result: unknown) => {
      local.callback(result);
      return undefined;
    },
    (failure: Failure) => {
      local.errback(failure);
      return undefined;
    },
  );
  return local;
}
