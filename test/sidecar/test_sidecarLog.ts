/**
 * Tests for src/sidecar/sidecarLog.ts: the log file, the tail, and lines by database.
 */
import * as fs from 'node:fs';
import { SynchronousTestCase } from 'trial-ts';
import { SidecarLog } from '../../src/sidecar/sidecarLog';

const line = (db: string, severity: string, text: string, pid = 7): string => `2025-01-02 03:04:05.678 UTC [${pid}] postgres@${db} ${severity}:  ${text}`;

/** Tests for `SidecarLog`. */
export class SidecarLogTests extends SynchronousTestCase {
  #log(): SidecarLog {
    const log = new SidecarLog(this.mktemp(), 'db', true);
    this.addCleanup(() => log.close());
    return log;
  }

  /** Lines go to `<tempDir>/sidecars/<name>.log`, split whole from chunks. */
  test_writesFile() {
    const dir = this.mktemp();
    const log = new SidecarLog(dir, 'db', true);
    const split = log.splitter();
    split.push('one\ntw');
    split.push('o\n');
    log.close();
    this.assertEqual(fs.readFileSync(`${dir}/sidecars/db.log`, 'utf8'), 'one\ntwo\n');
  }

  /** The tail is the last lines, oldest first. */
  test_tail() {
    const log = this.#log();
    for (let i = 0; i < 60; i++) log.add(`l${i}`);
    this.assertEqual(log.tail(2), ['l58', 'l59']);
    this.assertEqual(log.tail().length, 50);
  }

  /** ERROR lines of a database, with the STATEMENT that follows, are attributed to it; others are not. */
  test_linesForDatabase() {
    const log = this.#log();
    const since = Date.now();
    log.add(line('trial_w0', 'LOG', 'duration: 1 ms'));
    log.add(line('trial_w0', 'ERROR', 'duplicate key value violates unique constraint "users_pkey"'));
    log.add(line('trial_w0', 'DETAIL', 'Key (id)=(alice) already exists.'));
    log.add(line('trial_w0', 'STATEMENT', "INSERT INTO users VALUES ('alice')"));
    log.add(line('trial_w1', 'ERROR', 'other database', 8));
    this.assertEqual(log.linesFor('trial_w0', since), [
      line('trial_w0', 'ERROR', 'duplicate key value violates unique constraint "users_pkey"'),
      line('trial_w0', 'DETAIL', 'Key (id)=(alice) already exists.'),
      line('trial_w0', 'STATEMENT', "INSERT INTO users VALUES ('alice')"),
    ]);
    this.assertEqual(log.linesFor('trial_w0', since, { all: true }).length, 4);
  }

  /** Lines before `since` are left out. */
  test_linesSince() {
    const log = this.#log();
    log.add(line('trial_w0', 'ERROR', 'old'));
    this.assertEqual(log.linesFor('trial_w0', Date.now() + 1000), []);
  }

  /** Listeners see each new line until removed. */
  test_onLine() {
    const log = this.#log();
    const seen: string[] = [];
    const off = log.onLine((l) => seen.push(l));
    log.add('a');
    off();
    log.add('b');
    this.assertEqual(seen, ['a']);
  }
}
