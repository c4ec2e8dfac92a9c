/**
 * Tests for src/janitor/judge.ts: which live leftovers are leaks, which are unreferenced
 * leaks, which are remembered, and the order they are closed in, over real timers and a
 * recording context (the closing itself is test_closeAndWait.ts's).
 */
import { TestCase } from 'trial-ts';
import { judgeLeftovers, type JudgeContext } from '../../src/janitor/judge';
import type { TestRecord, Tracked } from '../../src/janitor/records';
import type { StackLink } from '../../src/janitor/report';

const CWD = '/project';
const USER_STACK = { stack: 'Error\n    at test_x (/project/test/test_a.ts:9:5)' };
/** What Node's own lazy caches look like: no frame of user code. */
const NODE_STACK = { stack: 'Error\n    at emitInit (node:internal/async_hooks:202:43)' };

/** A context that records what it was asked to close (and clears it) and what it remembered. */
function recordingContext(closes = true): JudgeContext & { closed: string[][]; remembered: string[] } {
  const context = {
    cwd: CWD,
    closed: [] as string[][],
    remembered: [] as string[],
    lookup: (): StackLink | undefined => undefined,
    closeAll: async (list: readonly Tracked[]) => {
      context.closed.push(list.map(nameOf));
      for (const t of list) clearInterval(t.resource as NodeJS.Timeout);
      return closes;
    },
    remember: (t: Tracked) => context.remembered.push(nameOf(t)),
  };
  return context;
}

const names = new WeakMap<object, string>();
const nameOf = (t: Tracked): string => names.get(t.resource) ?? '?';

export class JudgeTests extends TestCase {
  /** A live interval of this test, named for the recording context; cleared at the end whatever happens. */
  #interval(name: string, options: { refed?: boolean; stack?: { stack: string } } = {}): Tracked {
    const timer = setInterval(() => undefined, 60_000);
    if (options.refed === false) timer.unref();
    this.addCleanup(() => clearInterval(timer));
    names.set(timer, name);
    return { asyncId: 1, type: 'Timeout', triggerAsyncId: 0, resource: timer, stack: options.stack ?? USER_STACK, record: {} as TestRecord };
  }

  /** Nothing left: no leak, nothing closed. */
  async test_nothingLeft(): Promise<void> {
    const context = recordingContext();
    this.assertEqual(await judgeLeftovers([], context), { leaks: [], unrefLeaks: [], closed: true });
    this.assertEqual(context.closed, []);
  }

  /** A referenced timer is a leak, an unreferenced one a warning-only leak; referenced ones are closed first, unreferenced timers last. */
  async test_refedLeaksThenUnrefed(): Promise<void> {
    const context = recordingContext();
    const result = await judgeLeftovers([this.#interval('unref', { refed: false }), this.#interval('ref')], context);
    this.assertEqual(
      [result.leaks.map((l) => [l.resourceType, l.createdAt?.file]), result.unrefLeaks.map((l) => l.resourceType), result.closed],
      [[['Timeout', 'test/test_a.ts']], ['Timeout'], true],
    );
    this.assertEqual(context.closed, [['ref'], [], ['unref']]);
  }

  /** An unreferenced timer made with no user frame (Node's own cache) is remembered: never reported, never closed. */
  async test_nodeCacheRemembered(): Promise<void> {
    const context = recordingContext();
    const result = await judgeLeftovers([this.#interval('cache', { refed: false, stack: NODE_STACK })], context);
    this.assertEqual([result.leaks, result.unrefLeaks, context.remembered], [[], [], ['cache']]);
    this.assertEqual(context.closed, [[], [], []]);
  }

  /** A leftover that does not go away in time makes the verdict "not closed" (the worker is recycled). */
  async test_notClosedInTime(): Promise<void> {
    const result = await judgeLeftovers([this.#interval('stuck')], recordingContext(false));
    this.assertEqual([result.leaks.length, result.closed], [1, false]);
  }
}
