/**
 * Tests for src/runner/serializeError.ts: non-Error values, Failures, codes, diffs,
 * causes (depth-limited), leak lists, locations and relative stacks, and the trimming of
 * the require stack in "Cannot find module" messages.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { SynchronousTestCase } from 'trial-ts';
import type { LeakReport } from '../../src/runner/events';
import { serializeError } from '../../src/runner/serializeError';
import { Failure } from '@trial-ts/runtime';
import { AssertionError } from '../../src/unittest/errors';

const ROOT = path.resolve(__dirname, '..', '..');
const THIS_FILE = path.join('test', 'runner', 'test_serializeError.ts');

export class SerializeValueTests extends SynchronousTestCase {
  /** A thrown string keeps its text as the message, with an empty stack. */
  test_string(): void {
    this.assertEqual(serializeError('went wrong', ROOT), { name: 'string', message: 'went wrong', stack: '' });
  }

  /** Numbers, undefined and plain objects are described with inspect. */
  test_otherValues(): void {
    this.assertEqual(serializeError(42, ROOT), { name: 'number', message: '42', stack: '' });
    this.assertEqual(serializeError(undefined, ROOT), { name: 'undefined', message: 'undefined', stack: '' });
    this.assertEqual(serializeError({ status: 500 }, ROOT), { name: 'Object', message: '{ status: 500 }', stack: '' });
    const serializedNull = serializeError(null, ROOT);
    this.assertEqual([serializedNull.message, serializedNull.stack], ['null', '']);
  }

  /** The result is plain JSON: it survives a JSON round trip unchanged. */
  test_plainJson(): void {
    const error = new AssertionError('nope', { diff: '- a\n+ b', cause: new Error('under') });
    const serialized = serializeError(error, ROOT);
    this.assertEqual(JSON.parse(JSON.stringify(serialized)), serialized);
  }

  /** A Failure is unwrapped to the error it holds. */
  test_failureUnwrapped(): void {
    const serialized = serializeError(new Failure(new RangeError('out of range')), ROOT);
    this.assertEqual([serialized.name, serialized.message], ['RangeError', 'out of range']);
  }

  /** An Error from another realm (vm context) is still serialized as an error with its name and stack. */
  test_otherRealmError(): void {
    const foreign = vm.runInNewContext('new TypeError("from a vm")') as Error;
    const serialized = serializeError(foreign, ROOT);
    this.assertEqual([serialized.name, serialized.message], ['TypeError', 'from a vm']);
    this.assertSubstring('TypeError: from a vm', serialized.stack);
  }
}

export class SerializeErrorTests extends SynchronousTestCase {
  /** Name, message, a trimmed stack relative to cwd, and the location of the throw in this file. */
  test_errorFields(): void {
    const error = new TypeError('bad type');
    const line = Number(/test_serializeError\.ts:(\d+):/.exec(error.stack ?? '')?.[1]);
    const serialized = serializeError(error, ROOT);
    this.assertEqual([serialized.name, serialized.message], ['TypeError', 'bad type']);
    this.assertTrue(serialized.stack.startsWith('TypeError: bad type\n    at '), serialized.stack);
    this.assertSubstring(`(${THIS_FILE}:${line}:`, serialized.stack);
    this.assertNotSubstring(path.join(ROOT, 'dist'), serialized.stack);
    this.assertNotSubstring('node:internal', serialized.stack);
    this.assertEqual(serialized.location, { file: THIS_FILE, line, column: serialized.location?.column ?? -1 });
    this.assertTrue((serialized.location?.column ?? 0) > 0);
  }

  /** A non-empty string code is carried; empty or numeric codes are not. */
  test_code(): void {
    this.assertEqual(serializeError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), ROOT).code, 'ECONNREFUSED');
    this.assertFalse('code' in serializeError(Object.assign(new Error('x'), { code: '' }), ROOT));
    this.assertFalse('code' in serializeError(Object.assign(new Error('x'), { code: 3 }), ROOT));
    this.assertFalse('code' in serializeError(new Error('x'), ROOT));
  }

  /** An assertion's diff is carried. */
  test_diff(): void {
    const serialized = serializeError(new AssertionError('not equal', { diff: '- 1\n+ 2' }), ROOT);
    this.assertEqual(serialized.diff, '- 1\n+ 2');
    this.assertEqual(serialized.name, 'AssertionError');
    this.assertEqual(serialized.code, 'TRIAL_ASSERTION');
  }

  /** A nameless error is named after its constructor. */
  test_namelessError(): void {
    class WeirdError extends Error {}
    const error = new WeirdError('w');
    error.name = '';
    this.assertEqual(serializeError(error, ROOT).name, 'WeirdError');
  }

  /** The cause is serialized the same way, including non-Error causes. */
  test_cause(): void {
    const error = new Error('outer', { cause: new Error('inner', { cause: 'root cause' }) });
    const serialized = serializeError(error, ROOT);
    this.assertEqual(serialized.cause?.message, 'inner');
    this.assertEqual(serialized.cause?.cause, { name: 'string', message: 'root cause', stack: '' });
  }

  /** Causes are followed four levels deep at most, so a cycle ends. */
  test_causeDepthLimited(): void {
    let error = new Error('level 0');
    for (let i = 1; i < 10; i++) error = new Error(`level ${i}`, { cause: error });
    let depth = 0;
    for (let node = serializeError(error, ROOT).cause; node !== undefined; node = node.cause) depth++;
    this.assertEqual(depth, 4);

    const cyclic = new Error('me');
    cyclic.cause = cyclic;
    const serialized = serializeError(cyclic, ROOT);
    this.assertEqual(serialized.cause?.cause?.cause?.cause?.message, 'me');
    this.assertEqual(serialized.cause?.cause?.cause?.cause?.cause, undefined);
  }

  /** A leak list is carried as is; a non-array leaks property is not. */
  test_leaks(): void {
    const leaks: LeakReport[] = [{ resourceType: 'Timeout', description: 'a 30 s timer', hint: 'clear it' }];
    this.assertEqual(serializeError(Object.assign(new Error('dirty'), { leaks }), ROOT).leaks, leaks);
    this.assertFalse('leaks' in serializeError(Object.assign(new Error('dirty'), { leaks: 'no' }), ROOT));
  }

  /** An error without a stack has an empty stack and no location. */
  test_noStack(): void {
    const error = new Error('stackless');
    error.stack = undefined;
    const serialized = serializeError(error, ROOT);
    this.assertEqual([serialized.stack, serialized.location], ['', undefined]);
  }
}

export class RequireStackTests extends SynchronousTestCase {
  /** The require stack of a "Cannot find module" message is cut to the importing file. */
  test_messageKeepsImporterOnly(): void {
    const error = new Error(
      "Cannot find module 'left-pad'\nRequire stack:\n- /home/me/test/test_a.ts\n- /opt/trial-ts/dist/runner/loader/x.js\n- /opt/trial-ts/dist/cli/main.js",
    );
    error.stack = `Error: ${error.message}\n    at /home/me/test/test_a.ts:1:1`;
    const serialized = serializeError(Object.assign(error, { code: 'MODULE_NOT_FOUND' }), '/elsewhere');
    this.assertEqual(serialized.message, "Cannot find module 'left-pad' (imported from /home/me/test/test_a.ts)");
    this.assertEqual(serialized.stack, "Error: Cannot find module 'left-pad' (imported from /home/me/test/test_a.ts)\n    at /home/me/test/test_a.ts:1:1");
    this.assertEqual(serialized.code, 'MODULE_NOT_FOUND');
  }

  /** A real failed require from this file names this file as the importer, and no loader file. */
  test_realMissingModule(): void {
    let thrown: unknown;
    try {
      require('trial-ts-no-such-module-anywhere');
    } catch (error) {
      thrown = error;
    }
    const serialized = serializeError(thrown, ROOT);
    this.assertEqual(serialized.code, 'MODULE_NOT_FOUND');
    this.assertTrue(serialized.message.startsWith("Cannot find module 'trial-ts-no-such-module-anywhere'"), serialized.message);
    this.assertSubstring(`(imported from ${THIS_FILE})`, serialized.message);
    this.assertNotSubstring('Require stack', serialized.message);
    this.assertNotSubstring('Require stack', serialized.stack);
  }

  /** Messages without a require stack are untouched. */
  test_otherMessagesUntouched(): void {
    this.assertEqual(serializeError(new Error('Require stack: not really'), ROOT).message, 'Require stack: not really');
  }
}
