/**
 * Tests for src/reporters/junit.ts: the whole document for every outcome, validity
 * against test/reporters/junit.xsd with xmllint, and well-formedness whatever a test
 * prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { junit, modulePath } from '../../src/reporters/junit';
import { escapeAttribute, escapeText, xmlSafe } from '../../src/reporters/format/xml';
import { desc, everyOutcome, render, run, START, withEnd } from './sampleEvents';
import { hasTool, JUNIT_XSD, runTool, toolMissing } from './externalTools';

const EVERY_OUTCOME = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<testsuites name="trial-ts" tests="10" failures="4" errors="4" skipped="1" time="1.234">',
  '  <testsuite name="test.test_calc.AsyncTests" tests="2" failures="0" errors="2" skipped="0" time="0.042" timestamp="2023-11-14T22:13:20" file="test/test_calc.ts">',
  '    <testcase name="test_leak" classname="test.test_calc.AsyncTests" file="test/test_calc.ts" line="38" time="0.040">',
  '      <error message="Reactor was unclean." type="DirtyReactorAggregateError">DirtyReactorAggregateError: Reactor was unclean.',
  '  Timeout: a 30 s timer, created at test/test_calc.ts:40:5. Clear it with `clearTimeout(t)` or `this.addCleanup(() =&gt; clearTimeout(t))`.</error>',
  '    </testcase>',
  '    <testcase name="test_pass" classname="test.test_calc.AsyncTests" file="test/test_calc.ts" line="30" time="0.002">',
  '      <error message="Raised after the test had ended: late" type="Error">Error: late',
  '    at SyncTests.test (test/test_calc.ts:33:11)</error>',
  '    </testcase>',
  '  </testsuite>',
  '  <testsuite name="test.test_calc.SyncTests" tests="7" failures="4" errors="1" skipped="1" time="0.024" timestamp="2023-11-14T22:13:20" file="test/test_calc.ts">',
  '    <testcase name="test_error" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="12" time="0.007">',
  '      <error message="boom" type="TypeError">TypeError: boom',
  '    at SyncTests.test (test/test_calc.ts:14:11)</error>',
  '    </testcase>',
  '    <testcase name="test_fail" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="18" time="0.003">',
  '      <failure message="1 != 2" type="AssertionError">AssertionError: 1 != 2',
  '    at SyncTests.test (test/test_calc.ts:20:11)</failure>',
  '    </testcase>',
  '    <testcase name="test_failAgain" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="18" time="0.003">',
  '      <failure message="1 != 2" type="AssertionError">AssertionError: 1 != 2',
  '    at SyncTests.test (test/test_calc.ts:20:11)</failure>',
  '    </testcase>',
  '    <testcase name="test_output" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="24" time="0.009">',
  '      <failure message="bad &lt;b&gt;&amp;amp;&lt;/b&gt;" type="AssertionError">AssertionError: bad &lt;b&gt;&amp;amp;&lt;/b&gt;',
  '    at SyncTests.test (test/test_calc.ts:26:11)</failure>',
  '      <system-out>hello &lt;tag attr="x"&gt;&amp;&lt;/tag&gt;',
  'red bell\\x07 nul\\x00',
  '</system-out>',
  '      <system-err>warn ]]&gt; done',
  '</system-err>',
  '    </testcase>',
  '    <testcase name="test_skip" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="30" time="0.000">',
  '      <skipped message="not today"/>',
  '    </testcase>',
  '    <testcase name="test_todo" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="34" time="0.001">',
  '      <properties>',
  '        <property name="outcome" value="expectedFailure"/>',
  '        <property name="todo" value="bug #1"/>',
  '        <property name="expectedError" value="AssertionError: known bug"/>',
  '      </properties>',
  '    </testcase>',
  '    <testcase name="test_unexpectedSuccess" classname="test.test_calc.SyncTests" file="test/test_calc.ts" line="40" time="0.001">',
  '      <failure message="The test is marked todo (&apos;should fail but does not&apos;) but it passed." type="UnexpectedSuccess">The test is marked todo (\'should fail but does not\') but it passed.</failure>',
  '    </testcase>',
  '  </testsuite>',
  '  <testsuite name="&lt;not in test&gt;" tests="1" failures="0" errors="1" skipped="0" time="0.000" timestamp="2023-11-14T22:13:20">',
  '    <testcase name="&lt;not in test&gt;" classname="&lt;not in test&gt;" time="0.000">',
  '      <error message="stray" type="Error">Error: stray',
  '    at SyncTests.test (test/test_calc.ts:50:11)</error>',
  '    </testcase>',
  '  </testsuite>',
  '</testsuites>',
  '',
].join('\n');

/** Every character from U+0000 to U+00FF, lone surrogates, U+FFFE/FFFF, and markup. */
const HOSTILE = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('') + '\ud800 \udc00 \ufffe\uffff ]]> <!-- --> <![CDATA[ x ]]> &amp; "\'';

export class JunitReporterTests extends TestCase {
  /** Every outcome maps to the right element: failure, error, skipped, property, UnexpectedSuccess. */
  async test_everyOutcomeWholeDocument(): Promise<void> {
    this.assertEqual(await render(junit, everyOutcome()), EVERY_OUTCOME);
  }

  /** The document validates against the JUnit XSD. */
  async test_validAgainstXsd(): Promise<void> {
    if (!hasTool('xmllint')) toolMissing(this, 'xmllint is not installed (Debian: libxml2-utils)');
    const file = path.join(this.mktemp() + '.xml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await render(junit, everyOutcome()));
    const result = runTool('xmllint', ['--noout', '--schema', JUNIT_XSD, file]);
    this.assertEqual([result.status, result.stderr.trim()], [0, `${file} validates`]);
  }

  /** A flaky pass (a failed and an errored attempt, with output) validates too: Surefire's elements, each with its stackTrace. */
  async test_flakyValidAgainstXsd(): Promise<void> {
    if (!hasTool('xmllint')) this.skipTest('xmllint is not installed (Debian: libxml2-utils)');
    const test = desc('NetTests', 'test_fetch');
    const events = withEnd([
      { type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 },
      ...run(test, 'success', {
        flaky: true,
        output: { stdout: 'out', stderr: '' },
        attempts: [
          { outcome: 'error', durationMs: 1, errors: [{ name: 'TypeError', message: 'first', stack: 'TypeError: first' }] },
          { outcome: 'failure', durationMs: 1, errors: [{ name: 'AssertionError', message: 'second', stack: 'AssertionError: second' }] },
          { outcome: 'success', durationMs: 1, errors: [] },
        ],
      }),
    ]);
    const file = this.mktemp() + '.xml';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const xml = await render(junit, events);
    fs.writeFileSync(file, xml);
    this.assertIn('<flakyError message="first" type="TypeError"><stackTrace>', xml);
    const result = runTool('xmllint', ['--noout', '--schema', JUNIT_XSD, file]);
    this.assertEqual([result.status, result.stderr.trim()], [0, `${file} validates`]);
  }

  /** Control characters, lone surrogates and markup in names, messages and output still give valid XML. */
  async test_hostileTextStaysWellFormed(): Promise<void> {
    if (!hasTool('xmllint')) toolMissing(this, 'xmllint is not installed (Debian: libxml2-utils)');
    const test = desc(`Cls${HOSTILE.slice(0, 40)}`, `test_${HOSTILE}`);
    const error = { name: `E${HOSTILE}`, message: HOSTILE, stack: HOSTILE };
    const events = withEnd([
      { type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 },
      ...run(test, 'error', { errors: [error], output: { stdout: HOSTILE, stderr: HOSTILE } }),
      ...run(desc('A', 'test_skip'), 'skip', { reason: HOSTILE }),
    ]);
    const file = this.mktemp() + '.xml';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await render(junit, events));
    const result = runTool('xmllint', ['--noout', '--schema', JUNIT_XSD, file]);
    this.assertEqual([result.status, result.stderr.trim()], [0, `${file} validates`]);
  }

  /** Forbidden characters become visible escapes; ANSI colour sequences vanish. */
  test_xmlSafe(): void {
    this.assertEqual(xmlSafe('a\u0000b\u001b[31mred\u001b[0m\u0007\ud800\t\n'), 'a\\x00bred\\x07\\ud800\t\n');
    this.assertEqual(escapeText('<a & b>'), '&lt;a &amp; b&gt;');
    this.assertEqual(escapeAttribute('"x"\n\'y\''), '&quot;x&quot;&#10;&apos;y&apos;');
  }

  /** Files become dotted module paths, as pytest writes classnames. */
  test_modulePath(): void {
    this.assertEqual(modulePath('test/a/test_b.ts'), 'test.a.test_b');
    this.assertEqual(modulePath('./x.test.mts'), 'x.test');
  }

  /** With no tests the document is still a valid, empty <testsuites>. */
  async test_emptyRun(): Promise<void> {
    const output = await render(junit, withEnd([{ type: 'run:start', version: 1, time: START, cwd: '/proj', workers: 1 }]));
    this.assertEqual(output, '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="trial-ts" tests="0" failures="0" errors="0" skipped="0" time="1.234">\n</testsuites>\n');
  }
}
