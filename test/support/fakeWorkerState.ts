/**
 * A {@link WorkerState} for unit tests of the code that runs tests in a thread
 * (src/runner/runCase.ts, runUnits.ts): the real shape, with fakes only at its seams —
 * the janitor, the output capture and the sidecar requesters — which record how they
 * were called. Tests run inside the fakes in the outer test's own context.
 */
import type { CollectResult, Janitor, LeakPolicy, TestScope } from '../../src/janitor/interfaces';
import type { RunnerEvent } from '../../src/runner/events';
import type { WorkerConfig } from '../../src/runner/interfaces';
import { resolveOptions, workerSettings } from '../../src/cli/resolveOptions';
import type { CaptureTarget, OutputCapture } from '../../src/runner/outputCapture';
import type { WorkerState } from '../../src/runner/workerState';

/** What the fake janitor saw, and what its `collect` answers. */
export interface FakeJanitor extends Janitor {
  /** Test ids of every `runInTest` call, in order. */
  readonly inTest: string[];
  /** How many times `runInSuite` ran something. */
  suiteCalls: number;
  /** The `(testId, policy)` of every `collect`. */
  readonly collected: [string, LeakPolicy][];
  /** The answer of the next `collect` calls. */
  result: CollectResult;
}

/** A janitor that runs everything directly and finds what `result` says. */
export function fakeJanitor(): FakeJanitor {
  let scope: TestScope | undefined;
  return {
    inTest: [],
    suiteCalls: 0,
    collected: [],
    result: { leaks: [], unrefLeaks: [], needsRecycle: false, changedGlobals: [], changedEnv: [] },
    runInTest<T>(this: FakeJanitor, testScope: TestScope, fn: () => T): T {
      this.inTest.push(testScope.id);
      scope = testScope;
      try {
        return fn();
      } finally {
        scope = undefined;
      }
    },
    runInSuite<T>(this: FakeJanitor, fn: () => T): T {
      this.suiteCalls += 1;
      return fn();
    },
    async collect(this: FakeJanitor, testId: string, policy: LeakPolicy): Promise<CollectResult> {
      this.collected.push([testId, policy]);
      return this.result;
    },
    currentScope: () => scope,
    onLateError: () => undefined,
    close: () => undefined,
  };
}

/** A capture switch that only records when it was on. */
export interface FakeCapture extends OutputCapture {
  /** `start` and `stop` calls, in order. */
  readonly calls: string[];
  target: CaptureTarget | undefined;
}

function fakeCapture(): FakeCapture {
  return {
    calls: [],
    target: undefined,
    start(this: FakeCapture, target: CaptureTarget) {
      this.calls.push('start');
      this.target = target;
    },
    stop(this: FakeCapture) {
      this.calls.push('stop');
    },
    uninstall: () => undefined,
  };
}

/** The state, its fakes, and the events it was given. */
export interface FakeWorker {
  state: WorkerState;
  janitor: FakeJanitor;
  capture: FakeCapture;
  events: RunnerEvent[];
  emit: (event: RunnerEvent) => void;
}

/**
 * A worker state over fakes.
 *
 * @param config - overrides of a default config (cwd `cwd`, worker 3, seed 1, the option table's defaults).
 * @param cwd - the run's cwd, which ids are relative to.
 * @returns the state and its fakes.
 */
export function fakeWorker(cwd: string, config: Partial<WorkerConfig> = {}): FakeWorker {
  const events: RunnerEvent[] = [];
  const emit = (event: RunnerEvent) => void events.push(event);
  const janitor = fakeJanitor();
  const capture = fakeCapture();
  const refuse = async (name: string): Promise<never> => {
    throw new Error(`no sidecar ${name} in this fake`);
  };
  const state: WorkerState = {
    // The settings are the option table's defaults, as a run with no options gives them.
    config: { ...workerSettings(resolveOptions({}, {}, {}, false, cwd)), tempDir: cwd, workerIndex: 3, seed: 1, captureOutput: false, ...config },
    janitor,
    capture,
    requestSidecar: refuse,
    tests: new Map(),
    sidecars: new Map(),
    requestSidecarForTest: refuse,
    releaseSidecarForTest: async () => undefined,
    emit,
    needsRecycle: false,
  };
  return { state, janitor, capture, events, emit };
}
