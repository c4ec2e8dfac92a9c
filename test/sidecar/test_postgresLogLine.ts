/**
 * Tests for src/sidecar/postgresLogLine.ts: parsing lines written with trial-ts's prefix.
 */
import { SynchronousTestCase } from 'trial-ts';
import { POSTGRES_CRASH_LINE, parsePostgresLogLine } from '../../src/sidecar/postgresLogLine';

/** Tests for `parsePostgresLogLine`. */
export class ParsePostgresLogLineTests extends SynchronousTestCase {
  /** A session line has user, database, severity and message. */
  test_sessionLine() {
    const parsed = parsePostgresLogLine('2025-01-02 03:04:05.678 UTC [4242] postgres@trial_w0 ERROR:  relation "nope" does not exist');
    this.assertEqual(parsed, {
      timestamp: '2025-01-02 03:04:05.678 UTC',
      pid: 4242,
      user: 'postgres',
      database: 'trial_w0',
      severity: 'ERROR',
      message: 'relation "nope" does not exist',
    });
  }

  /** A background process line (`%q` stops the prefix) has no user or database. */
  test_backgroundLine() {
    const parsed = parsePostgresLogLine('2025-01-02 03:04:05.678 UTC [17] LOG:  database system is ready to accept connections');
    this.assertEqual([parsed?.database, parsed?.user, parsed?.severity], [undefined, undefined, 'LOG']);
  }

  /** A continuation line, or output before the prefix applies, is not parsed. */
  test_unprefixed() {
    this.assertIdentical(parsePostgresLogLine('\tWHERE id = 1'), null);
    this.assertIdentical(parsePostgresLogLine('The files belonging to this database system will be owned by user "postgres".'), null);
  }

  /** A connection that has not named its database yet logs `[unknown]`, which is no database. */
  test_unknownDatabase() {
    const parsed = parsePostgresLogLine('2025-01-02 03:04:05.678 UTC [5] [unknown]@[unknown] LOG:  connection received');
    this.assertIdentical(parsed?.database, undefined);
  }
}

/** Tests for `POSTGRES_CRASH_LINE`. */
export class CrashLineTests extends SynchronousTestCase {
  /** A backend killed by a signal and the restart cycle are crashes. */
  test_crashLines() {
    this.assertTrue(POSTGRES_CRASH_LINE.test('LOG:  server process (PID 12) was terminated by signal 9: Killed'));
    this.assertTrue(POSTGRES_CRASH_LINE.test('LOG:  all server processes terminated; reinitializing'));
  }

  /** The logical replication launcher exiting at a normal shutdown is not a crash. */
  test_normalShutdownIsNot() {
    this.assertFalse(POSTGRES_CRASH_LINE.test('LOG:  background worker "logical replication launcher" (PID 9) exited with exit code 1'));
  }
}
