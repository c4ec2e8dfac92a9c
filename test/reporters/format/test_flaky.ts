/**
 * Tests for src/reporters/format/flaky.ts and how every reporter shows a flaky pass: the
 * tree and verbose lines, the [FLAKY] summary group and `flaky=N`, JUnit's Surefire
 * elements, TAP's comment, GitHub's warning and subunit's tag.
 */
import { TestCase } from 'trial-ts';
import type { RunnerEvent, TestEndEvent } from '../../../src/runner/events';
import { flakyBody, flakyNote } from '../../../src/reporters/format/flaky';
import { tree } from '../../../src/reporters/tree';
import { verbose } from '../../../src/reporters/verbose';
import { junit } from '../../../src/reporters/junit';
import { tap } from '../../../src/reporters/tap';
import { github } from '../../../src/reporters/github';
import { subunit } from '../../../src/reporters/subunit';
import { dots } from '../../../src/reporters/dots';
import { collectingContext, desc, err, render, run, withEnd } from '../sampleEvents';
import { hasTool, runTool } from '../externalTools';

const FLAKY = desc('NetTests', 'test_fetch');

/** A test that failed, errored, then passed on its third attempt. */
function flakyRun(): RunnerEvent[] {
  return run(FLAKY, 'success', {
    durationMs: 30,
    flaky: true,
    attempts: [
      { outcome: 'failure', durationMs: 10, errors: [err('AssertionError', 'first try', 12)] },
      { outcome: 'error', durationMs: 10, errors: [err('TypeError', 'second try', 13)] },
      { outcome: 'success', durationMs: 10, errors: [] },
    ],
  });
}

function endOf(events: RunnerEvent[]): TestEndEvent {
  return events.find((event): event is TestEndEvent => event.type === 'test:end')!;
}

export class FlakyFormatTests extends TestCase {
  /** The note names the attempt that passed; a test that is not flaky gets none. */
  test_noteNamesTheAttempt() {
    this.assertEqual(flakyNote(endOf(flakyRun())), ' (flaky: passed on attempt 3)');
    this.assertEqual(flakyNote(endOf(run(FLAKY, 'success'))), '');
  }

  /** The body lists each failed attempt with its outcome and traceback, and not the pass. */
  test_bodyListsFailedAttempts() {
    const body = flakyBody(endOf(flakyRun()));
    this.assertIn('Passed on attempt 3; the earlier attempts failed:', body);
    this.assertIn('Attempt 1 (failure):\nAssertionError: first try', body);
    this.assertIn('Attempt 2 (error):\nTypeError: second try', body);
    this.assertNotIn('Attempt 3', body);
  }

  /** The tree line carries the note, the summary has a [FLAKY] group and counts flaky=1. */
  async test_treeShowsFlaky() {
    const out = await render(tree, withEnd(flakyRun()));
    this.assertIn('    test_fetch (flaky: passed on attempt 3) ...', out);
    this.assertIn('[FLAKY]\nPassed on attempt 3', out);
    this.assertIn('PASSED (successes=1, flaky=1)', out);
    this.assertIn('tests: 1 passed, 0 failed, 0 skipped', out);
  }

  /** The verbose line is the id with the note. */
  async test_verboseShowsFlaky() {
    const out = await render(verbose, withEnd(flakyRun()));
    this.assertIn(`${FLAKY.id} (flaky: passed on attempt 3) ... [OK]`, out);
  }

  /** JUnit keeps the testcase passing and records each failed attempt as Surefire does. */
  async test_junitHasSurefireFlakyElements() {
    const out = await render(junit, withEnd(flakyRun()));
    this.assertIn('<flakyFailure message="first try" type="AssertionError"><stackTrace>AssertionError: first try', out);
    this.assertIn('<flakyError message="second try" type="TypeError"><stackTrace>TypeError: second try', out);
    this.assertIn('failures="0"', out);
    this.assertNotIn('<failure', out);
  }

  /** TAP: an `ok` point, a comment with the note, and `# flaky 1` at the end. */
  async test_tapCommentsFlaky() {
    const out = await render(tap, withEnd(flakyRun()));
    this.assertIn(`ok 1 - ${FLAKY.id}\n# flaky: passed on attempt 3\n`, out);
    this.assertIn('# flaky 1', out);
  }

  /** GitHub: a warning annotation (not an error) at the test. */
  async test_githubWarnsFlaky() {
    const out = await render(github, withEnd(flakyRun()));
    this.assertIn(`::warning file=${FLAKY.file},line=10,col=3,title=[FLAKY] ${FLAKY.id.replace(":", "%3A")}::Passed on attempt 3`, out);
    this.assertNotIn('::error', out);
  }

  /** Dots: the closing line counts the flaky pass and the summary has its [FLAKY] group. */
  async test_dotsCountsFlaky() {
    const out = await render(dots, withEnd(flakyRun()));
    this.assertIn('[FLAKY]\nPassed on attempt 3', out);
    this.assertIn('PASSED (successes=1, flaky=1)', out);
  }

  /** Subunit: a `success` carrying the `flaky` tag, with the failed attempts attached (read back by python-subunit). */
  async test_subunitTagsFlaky() {
    if (!hasTool('/usr/bin/python3') || runTool('/usr/bin/python3', ['-c', 'import subunit.v2']).status !== 0) {
      this.skipTest('python-subunit is not installed (Debian: python3-subunit)');
    }
    const sink = collectingContext();
    const reporter = subunit(sink.ctx);
    for (const event of flakyRun()) reporter.handle(event);
    await reporter.close();
    const dump = `
import sys, subunit, testtools
class R(testtools.StreamResult):
    def status(self, test_id=None, test_status=None, test_tags=None, file_name=None, file_bytes=None, **kw):
        print(test_status, file_name, sorted(test_tags or []), bytes(file_bytes or b'').decode().split('\\n')[0])
subunit.ByteStreamToStreamResult(sys.stdin.buffer).run(R())
`;
    this.assertEqual(runTool('/usr/bin/python3', ['-c', dump], sink.bytes()).stdout.split('\n'), [
      "inprogress None ['worker-0'] ",
      "None flaky-attempts ['flaky', 'worker-0'] Passed on attempt 3; the earlier attempts failed:",
      "success None ['flaky', 'worker-0'] ",
      '',
    ]);
  }
}
