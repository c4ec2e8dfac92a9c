/** Creation sites and the `leaks.ignore` allow-list, from stacks written by hand. */
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import type { TestRecord, Tracked } from '../../src/janitor/records';
import type { LeakReport } from '../../src/runner/events';
import { buildReport, creationSite, groupReports, isIgnored, MAX_LEAK_REPORTS, type StackLink } from '../../src/janitor/report';

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
    this.assertEqual(creationSite(t, CWD, noLinks), { user: { file: 'test/test_a.ts', line: 9, column: 5 }, stack: ['at test_x (test/test_a.ts:9:5)'] });
  }

  /** With no user frame, the site is found through the resource that triggered it. */
  test_creationSiteFollowsTrigger(): void {
    const t = tracked('TCPSERVERWRAP', [NODE_FRAME, 'doListen (node:net:2139:7)'], 7);
    const tick: StackLink = { stack: { stack: 'Error\n    at listen (/project/test/test_s.ts:12:49)' }, triggerAsyncId: 0 };
    this.assertEqual(creationSite(t, CWD, (id) => (id === 7 ? tick : undefined)).user, { file: 'test/test_s.ts', line: 12, column: 49 });
    this.assertEqual(creationSite(t, CWD, noLinks).user, undefined);
  }

  /** trial-ts's own sources never count as the creation site. */
  test_creationSiteSkipsLibrarySources(): void {
    const library = path.resolve(__dirname, '..', '..', 'src', 'internet', 'realDelayedCall.ts');
    const t = tracked('Timeout', [`arm (${library}:105:30)`, 'test_y (/project/test/test_b.ts:3:13)']);
    this.assertEqual(creationSite(t, CWD, noLinks).user?.file, 'test/test_b.ts');
  }

  /** A library's frames are not the user's line: the user's frame comes first, then the library frame, and the stack keeps both. */
  test_creationSiteNamesUserThenLibrary(): void {
    const t = tracked('TCPWRAP', [
      NODE_FRAME,
      'Socket.connect (node:net:1200:5)',
      'Connection.connect (/project/node_modules/pg/lib/connection.js:45:17)',
      'Client._connect (/project/node_modules/pg/lib/client.js:120:9)',
      'test_pool (/project/test/test_db.ts:17:42)',
    ]);
    const report = buildReport(t, CWD, noLinks);
    this.assertEqual(report.createdAt, { file: 'test/test_db.ts', line: 17, column: 42 });
    this.assertEqual(report.libraryFrame, { file: 'node_modules/pg/lib/connection.js', line: 45, column: 17 });
    this.assertEqual(report.stack, [
      'at Connection.connect (node_modules/pg/lib/connection.js:45:17)',
      'at Client._connect (node_modules/pg/lib/client.js:120:9)',
      'at test_pool (test/test_db.ts:17:42)',
    ]);
  }

  /** A socket a library opened a tick later keeps the library frame of its own stack and the user's line of its trigger. */
  test_creationSiteLibraryFrameThroughTrigger(): void {
    const t = tracked('TCPWRAP', [NODE_FRAME, 'connect (/project/node_modules/ws/lib/websocket.js:900:3)'], 7);
    const tick: StackLink = { stack: { stack: 'Error\n    at test_ws (/project/test/test_ws.ts:5:20)' }, triggerAsyncId: 0 };
    const site = creationSite(t, CWD, (id) => (id === 7 ? tick : undefined));
    this.assertEqual(site.user, { file: 'test/test_ws.ts', line: 5, column: 20 });
    this.assertEqual(site.library, { file: 'node_modules/ws/lib/websocket.js', line: 900, column: 3 });
  }

  /** Few leaks are reported one by one; hundreds made at one line become one entry with a count. */
  test_groupReportsMergesManyAtOneLine(): void {
    const at = (line: number): LeakReport => ({ resourceType: 'TCPWRAP', description: `a client socket ${line}`, hint: 'h', createdAt: { file: 'test/t.ts', line, column: 1 } });
    const few = [at(1), at(1), at(2)];
    this.assertEqual(groupReports(few), few);
    const many = [...Array.from({ length: 300 }, () => at(7)), at(8)];
    const grouped = groupReports(many);
    this.assertEqual(grouped.map((r) => [r.createdAt?.line, r.count]), [[7, 300], [8, undefined]]);
  }

  /** Leaks made at more places than fit are summed up in a last entry, so the report stays bounded. */
  test_groupReportsBoundsPlaces(): void {
    const many = Array.from({ length: 100 }, (_, i): LeakReport => ({ resourceType: 'Timeout', description: 't', hint: 'h', createdAt: { file: 'test/t.ts', line: i + 1, column: 1 } }));
    const grouped = groupReports(many);
    this.assertEqual(grouped.length, MAX_LEAK_REPORTS);
    this.assertEqual(grouped[MAX_LEAK_REPORTS - 1].count, 100 - (MAX_LEAK_REPORTS - 1));
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
