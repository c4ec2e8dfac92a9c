/**
 * What the janitor keeps per test and per tracked resource. Plain data, owned by one
 * janitor; the async-context store holds a {@link ContextRecord}.
 *
 * @packageDocumentation
 */
import type { GlobalSnapshot } from './globalState';
import type { TestScope } from './interfaces';

/** Where a test is in its life, as the janitor sees it. */
export type TestState = 'running' | 'collecting' | 'ended';

/** The async context of one test: everything created in it is charged to it. */
export interface TestRecord {
  readonly kind: 'test';
  /** Brand of the janitor that made it, so a second janitor ignores foreign stores. */
  readonly owner: object;
  readonly id: string;
  scope: TestScope;
  state: TestState;
  /** The test opted out of leak checks: its leftovers are remembered, never blamed. */
  optedOut: boolean;
  /** Resources created in the test's context, in creation order. */
  tracked: Tracked[];
  /** A promise was created in the test's context: one may be rejected with nobody listening. */
  madePromise: boolean;
  /** The janitor closed leaks of this test: errors its context raises from now on are the closing's echo, not news. */
  closedByJanitor: boolean;
  /** The timer globals and cwd when the test started (absent when the check is off). */
  globals?: GlobalSnapshot;
}

/** The async context of suite-level code (`setUpClass`, `tearDownClass`): the baseline. */
export interface SuiteRecord {
  readonly kind: 'suite';
  readonly owner: object;
}

/** A store value the janitor puts in the async context. */
export type ContextRecord = TestRecord | SuiteRecord;

/** One resource created in a test's context. */
export interface Tracked {
  readonly asyncId: number;
  /** The async_hooks type, e.g. `Timeout`, `TCPWRAP`. */
  readonly type: string;
  readonly triggerAsyncId: number;
  /** The hook's resource: a Timeout/Immediate, or a native handle. */
  readonly resource: object;
  /** The creation stack, formatted lazily (see `captureCreationStack`). */
  readonly stack: { stack?: string };
  /** The test it is charged to. */
  readonly record: TestRecord;
}

/** True when `value` is a store made by the janitor branded `owner`. */
export function isContextRecord(value: unknown, owner: object): value is ContextRecord {
  return typeof value === 'object' && value !== null && (value as { owner?: unknown }).owner === owner;
}
