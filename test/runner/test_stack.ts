/**
 * Tests for src/runner/stack.ts: parsing stack frames (paths and file:// URLs), telling
 * runner frames from user frames, trimming stacks (relative to cwd), and the first user
 * location.
 */
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { firstUserLocation, isRunnerFrame, parseFrame, relativePath, RUNNER_FILE_PREFIXES, trimStack } from '../../src/runner/stack';

/** The package root as src/runner/stack.ts computes it (this file is two levels below it too). */
const ROOT = path.resolve(__dirname, '..', '..');
const SRC_FRAME = `    at runCase (${path.join(ROOT, 'src', 'runner', 'runCase.ts')}:10:3)`;
const DIST_FRAME = `    at Object.main (${path.join(ROOT, 'dist', 'cli', 'main.js')}:5:7)`;
const MODULES_FRAME = `    at next (${path.join(ROOT, 'node_modules', 'piscina', 'index.js')}:1:1)`;
const NODE_FRAME = '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
const USER_FRAME = '    at ParserTests.test_parse (/home/me/project/test/test_parser.ts:42:11)';

export class ParseFrameTests extends SynchronousTestCase {
  /** A named frame gives file, line and column. */
  test_parseNamedFrame(): void {
    this.assertEqual(parseFrame(USER_FRAME), { file: '/home/me/project/test/test_parser.ts', line: 42, column: 11 });
  }

  /** An anonymous frame without parentheses parses too. */
  test_parseAnonymousFrame(): void {
    this.assertEqual(parseFrame('    at /srv/app/test_a.js:3:9'), { file: '/srv/app/test_a.js', line: 3, column: 9 });
  }

  /** A file:// URL becomes a decoded path. */
  test_parseFileUrl(): void {
    this.assertEqual(parseFrame('    at f (file:///srv/my%20app/test_a.mjs:7:2)'), { file: '/srv/my app/test_a.mjs', line: 7, column: 2 });
    this.assertEqual(parseFrame('    at file:///srv/b.mts:1:1'), { file: '/srv/b.mts', line: 1, column: 1 });
  }

  /** A node: frame keeps its node: file name. */
  test_parseNodeFrame(): void {
    this.assertEqual(parseFrame(NODE_FRAME), { file: 'node:internal/process/task_queues', line: 95, column: 5 });
  }

  /** Frames with no position, and other lines, give null. */
  test_parseNoPosition(): void {
    this.assertIdentical(parseFrame('    at new Promise (<anonymous>)'), null);
    this.assertIdentical(parseFrame('    at Array.forEach (native)'), null);
    this.assertIdentical(parseFrame('Error: boom'), null);
  }
}

export class RunnerFrameTests extends SynchronousTestCase {
  /** Frames of Node, of trial-ts's src/ and dist/, and of its node_modules are runner frames. */
  test_runnerFrames(): void {
    for (const frame of [NODE_FRAME, SRC_FRAME, DIST_FRAME, MODULES_FRAME, '    at Module._compile (internal/modules/cjs/loader.js:1:1)']) {
      this.assertTrue(isRunnerFrame(frame), frame);
    }
  }

  /** Position-less frames of <anonymous> or node:internal are runner frames; others are not. */
  test_positionlessFrames(): void {
    this.assertTrue(isRunnerFrame('    at new Promise (<anonymous>)'));
    this.assertFalse(isRunnerFrame('    at somethingNative (native)'));
  }

  /** The user's frames, including this project's own test/ folder, are not runner frames. */
  test_userFrames(): void {
    this.assertFalse(isRunnerFrame(USER_FRAME));
    this.assertFalse(isRunnerFrame(`    at t (${path.join(ROOT, 'test', 'runner', 'test_stack.ts')}:1:1)`));
  }

  /** A sibling folder whose name merely starts like src is not a runner folder. */
  test_prefixNeedsSeparator(): void {
    this.assertFalse(isRunnerFrame(`    at t (${ROOT}/srcx/a.ts:1:1)`));
    this.assertTrue(RUNNER_FILE_PREFIXES.every((prefix) => prefix.endsWith(path.sep) || prefix.endsWith(':') || prefix.endsWith('/')));
  }
}

export class TrimStackTests extends SynchronousTestCase {
  /** Runner frames go; the message lines (even several) and user frames stay in order. */
  test_trimKeepsMessageAndUserFrames(): void {
    const stack = ['AssertionError: not equal', '  - expected', '  + actual', SRC_FRAME, USER_FRAME, NODE_FRAME, DIST_FRAME].join('\n');
    this.assertEqual(trimStack(stack), ['AssertionError: not equal', '  - expected', '  + actual', USER_FRAME].join('\n'));
  }

  /** A stack with only runner frames (a timeout, a dirty reactor) keeps only its message. */
  test_allRunnerFramesKeepMessage(): void {
    const stack = ['Error: internal', '  detail line', SRC_FRAME, NODE_FRAME].join('\n');
    this.assertEqual(trimStack(stack), 'Error: internal\n  detail line');
  }

  /** With a cwd, paths inside it are shown relative; paths outside stay absolute. */
  test_trimRelativeToCwd(): void {
    const stack = ['Error: x', USER_FRAME, '    at g (/srv/other/test_c.ts:2:2)'].join('\n');
    this.assertEqual(
      trimStack(stack, '/home/me/project'),
      ['Error: x', '    at ParserTests.test_parse (test/test_parser.ts:42:11)', '    at g (/srv/other/test_c.ts:2:2)'].join('\n'),
    );
    this.assertEqual(trimStack(stack), stack);
  }

  /** A stack with no frames at all is returned as is. */
  test_noFrames(): void {
    this.assertEqual(trimStack('Error: just a message\nsecond line'), 'Error: just a message\nsecond line');
    this.assertEqual(trimStack(''), '');
  }
}

export class FirstUserLocationTests extends SynchronousTestCase {
  /** The first non-runner frame is the location, relative to cwd. */
  test_firstUserFrameRelative(): void {
    const stack = ['Error: x', SRC_FRAME, NODE_FRAME, USER_FRAME, '    at other (/home/me/project/test/test_b.ts:1:1)'].join('\n');
    this.assertEqual(firstUserLocation(stack, '/home/me/project'), { file: 'test/test_parser.ts', line: 42, column: 11 });
  }

  /** A location outside cwd stays absolute. */
  test_outsideCwdAbsolute(): void {
    this.assertEqual(firstUserLocation(`Error: x\n${USER_FRAME}`, '/elsewhere'), {
      file: '/home/me/project/test/test_parser.ts',
      line: 42,
      column: 11,
    });
  }

  /** Message lines that look like paths are not frames; only runner frames means no location. */
  test_noUserFrame(): void {
    this.assertEqual(firstUserLocation('Error: at /home/me/x.ts:1:1\n' + SRC_FRAME, '/home/me'), undefined);
  }

  /** A real error thrown here points at this file and line. */
  test_realError(): void {
    const error = new Error('here');
    const line = Number(/test_stack\.ts:(\d+):/.exec(error.stack ?? '')?.[1]);
    const location = firstUserLocation(error.stack ?? '', ROOT);
    this.assertEqual(location?.file, path.join('test', 'runner', 'test_stack.ts'));
    this.assertEqual(location?.line, line);
    this.assertTrue(line > 0);
  }
}

export class RelativePathTests extends SynchronousTestCase {
  /** Inside cwd: relative; outside: unchanged. */
  test_relativePath(): void {
    this.assertEqual(relativePath('/a/b', '/a/b/c/d.ts'), 'c/d.ts');
    this.assertEqual(relativePath('/a/b', '/a/x.ts'), '/a/x.ts');
    this.assertEqual(relativePath('/a/b', '/a/b'), '');
  }
}
