/** Creation sites and the `leaks.ignore` allow-list, from stacks written by hand. */
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import type { TestRecord, Tracked } from '../../src/janitor/records';
import { creationSite, isIgnored, type StackLink } from '../../src/janitor/report';

const CWD = '/project';

function tracked(type: string, frames: string[], triggerAsyncId = 0): Tracked {
  const stack = { stack: ['Error', ...frames.map((frame) => `    at ${frame}`)].join('\n') };
  return { asyncId: 10, type, triggerAsyncId, resource: {}, stack, record: {} as TestRecord };
}

const NODE_FRAME = 'emitInit (node:internal/async_hooks:202:43)';
const noLinks = (): StackLink | undefined => undefined;

export class ReportTests extends SynchronousTestCase {
  /** The first frame of user code, relative to the run's cwd, skipping Node's frames. */
  test_creationSiteSkipsNodeFrames(): void {
    const t = tracked('Timeout', [NODE_FRAME, 'setTimeout (node:timers:140:19)', 'test_x (/project/test/test_a.ts:9:5)']);
    this.assertEqual(creationSite(t, CWD, noLinks), { file: 'test/test_a.ts', line: 9, column: 5 });
  }

  /** With no user frame, the site is found through the resource that triggered it. */
  test_creationSiteFollowsTrigger(): void {
    const t = tracked('TCPSERVERWRAP', [NODE_FRAME, 'doListen (node:net:2139:7)'], 7);
    const tick: StackLink = { stack: { stack: 'Error\n    at listen (/project/test/test_s.ts:12:49)' }, triggerAsyncId: 0 };
    this.assertEqual(creationSite(t, CWD, (id) => (id === 7 ? tick : undefined)), { file: 'test/test_s.ts', line: 12, column: 49 });
    this.assertEqual(creationSite(t, CWD, noLinks), undefined);
  }

  /** trial-ts's own sources never count as the creation site. */
  test_creationSiteSkipsLibrarySources(): void {
    const library = path.resolve(__dirname, '..', '..', 'src', 'internet', 'realDelayedCall.ts');
    const t = tracked('Timeout', [`arm (${library}:105:30)`, 'test_y (/project/test/test_b.ts:3:13)']);
    this.assertEqual(creationSite(t, CWD, noLinks)?.file, 'test/test_b.ts');
  }

  /** A rule matches by type or broad kind, and by any frame's file; every field set must match. */
  test_ignoreRules(): void {
    const t = tracked('Timeout', ['remember (/project/helpers/cache.ts:8:14)', 'test_c (/project/test/test_c.ts:4:5)']);
    this.assertTrue(isIgnored(t, [{ kind: 'timer' }], noLinks));
    this.assertTrue(isIgnored(t, [{ kind: 'timeout' }], noLinks));
    this.assertTrue(isIgnored(t, [{ createdIn: 'helpers/cache' }], noLinks));
    this.assertTrue(isIgnored(t, [{ kind: 'timer', createdIn: '/project/helpers/*.ts' }], noLinks));
    this.assertFalse(isIgnored(t, [{ kind: 'socket', createdIn: 'helpers/cache' }], noLinks));
    this.assertFalse(isIgnored(t, [{ createdIn: 'node_modules/pg' }], noLinks));
    this.assertFalse(isIgnored(t, [{}], noLinks));
  }
}
