/**
 * Compile-time checks of the Deferred typings (run by `tsc -p tsconfig.json --noEmit`,
 * not by the test runner: the file name does not match test_*). Each line fails to
 * compile if an inferred type drifts.
 */
import { Deferred, DeferredList, Failure, fail, gatherResults, maybeDeferred, succeed } from 'trial-ts';
import { Deferred as SrcDeferred } from '@trial-ts/runtime';
import { markHandled } from '@trial-ts/runtime/internal';

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

/** A callback's return value becomes the new result type. */
expectType<Equal<ReturnType<typeof mapped>, Deferred<string>>>();
function mapped() {
  return succeed(1).addCallback((n) => String(n));
}

/** Returned Deferreds and promises are unwrapped; a returned Failure adds no type. */
expectType<Equal<ReturnType<typeof chained>, Deferred<boolean>>>();
function chained() {
  return succeed(1).addCallback((n) => succeed(n > 0));
}
expectType<Equal<ReturnType<typeof asyncChained>, Deferred<number[]>>>();
function asyncChained() {
  return succeed(1).addCallback(async (n) => [n]);
}
expectType<Equal<ReturnType<typeof failing>, Deferred<number>>>();
function failing() {
  return succeed(1).addCallback((n) => (n > 0 ? n : new Failure(new Error('negative'))));
}

/** An errback adds its return type to the success type. */
expectType<Equal<ReturnType<typeof recovered>, Deferred<number | string>>>();
function recovered() {
  return fail<number>(new Error('x')).addErrback(() => 'fallback');
}

/** `await d` gives T. */
export async function awaited(): Promise<void> {
  const value = await succeed('s');
  expectType<Equal<typeof value, string>>();
}

/** Helpers infer their result types. */
expectType<Equal<ReturnType<typeof maybe>, Deferred<number>>>();
function maybe() {
  return maybeDeferred(async () => 3);
}
expectType<Equal<ReturnType<typeof gathered>, Deferred<number[]>>>();
function gathered() {
  return gatherResults([succeed(1), Promise.resolve(2)]);
}

/** A DeferredList is a Deferred. */
export const listAsDeferred: Deferred<unknown> = new DeferredList([succeed('a')]);

/** The dist/ and src/ copies' Deferreds are assignable both ways (no private members in the type). */
export const srcAsDist: Deferred<number> = new SrcDeferred<number>();
export const distAsSrc: SrcDeferred<number> = new Deferred<number>();
markHandled(new Deferred());
