/**
 * Tests for src/reporters/format/renderError.ts: errors, leaks and output as the human
 * reporters print them.
 */
import { SynchronousTestCase } from 'trial-ts';
import { formatLocation, renderError, renderLeaks, renderOutput } from '../../../src/reporters/format/renderError';

/** Tests of the text of errors. */
export class RenderErrorTests extends SynchronousTestCase {
  /** The stack as given; without one, `Name: message`; a diff the stack lacks is added; the cause follows. */
  test_stackDiffCause() {
    this.assertEqual(renderError({ name: 'Error', message: 'no stack', stack: '' }), 'Error: no stack');
    this.assertEqual(
      renderError({
        name: 'AssertionError',
        message: '1 != 2',
        stack: 'AssertionError: 1 != 2\n    at t (a.ts:1:2)\n',
        diff: '- 1\n+ 2',
        cause: { name: 'TypeError', message: 'inner', stack: 'TypeError: inner\n    at u (b.ts:3:4)' },
      }),
      'AssertionError: 1 != 2\n    at t (a.ts:1:2)\n- 1\n+ 2\nCaused by: TypeError: inner\n    at u (b.ts:3:4)',
    );
  }

  /** A diff already in the stack is not printed twice. */
  test_diffNotRepeated() {
    this.assertEqual(renderError({ name: 'E', message: 'm', stack: 'E: m\n- a\n+ b', diff: '- a\n+ b' }), 'E: m\n- a\n+ b');
  }

  /** A dirty-reactor error keeps its message's first line and lists each leak once, with its site and hint. */
  test_leaks() {
    const leak = { resourceType: 'Timeout', description: 'a 30 s timer.', createdAt: { file: 'a.ts', line: 3, column: 5 }, hint: 'Clear it.' };
    this.assertEqual(
      renderError({ name: 'DirtyReactorAggregateError', message: 'Reactor was unclean.\nTimeout: ...', stack: 'ignored', leaks: [leak] }),
      'DirtyReactorAggregateError: Reactor was unclean.\n  Timeout: a 30 s timer, created at a.ts:3:5. Clear it.',
    );
    this.assertEqual(renderLeaks([{ resourceType: 'TCPWRAP', description: 'a socket', hint: 'Destroy it.' }]), ['  TCPWRAP: a socket. Destroy it.']);
    this.assertEqual(formatLocation({ file: 'x.ts', line: 1, column: 2 }), 'x.ts:1:2');
  }

  /** Output under a heading per non-empty stream, without the final newline. */
  test_output() {
    this.assertEqual(renderOutput(undefined), []);
    this.assertEqual(renderOutput({ stdout: 'out\n', stderr: '' }), ['Captured stdout:', 'out']);
    this.assertEqual(renderOutput({ stdout: '', stderr: 'e1\ne2\n' }), ['Captured stderr:', 'e1\ne2']);
  }
}
