/**
 * Tests for src/runner/durations.ts: loading (missing, corrupt, valid), merging, atomic
 * saving, and recording from events.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import {
  defaultDurationsPath,
  durationsRecorder,
  emptyDurations,
  loadDurations,
  mergeDurations,
  saveDurations,
  shardRecordFiles,
  shardRecordPath,
  UnsafeDurationsFolderError,
} from '../../src/runner/durations';

export class DurationsTests extends SynchronousTestCase {
  #file(): string {
    const dir = this.mktemp();
    return path.join(dir, 'cache', 'durations.json');
  }

  /** The default lives in node_modules/.cache/trial-ts. */
  test_defaultPath(): void {
    this.assertEqual(defaultDurationsPath('/proj'), '/proj/node_modules/.cache/trial-ts/durations.json');
  }

  /** A missing file is empty and silent. */
  test_loadMissing(): void {
    const problems: string[] = [];
    this.assertEqual(loadDurations(this.#file(), (p) => problems.push(p)), emptyDurations());
    this.assertEqual(problems, []);
  }

  /** A corrupt or foreign file is empty, and the problem is told in one line. */
  test_loadCorrupt(): void {
    const file = this.#file();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const content of ['{not json', '{"version":2,"tests":{}}', '{"version":1,"tests":{"a":-1}}']) {
      fs.writeFileSync(file, content);
      const problems: string[] = [];
      this.assertEqual(loadDurations(file, (p) => problems.push(p)), emptyDurations());
      this.assertEqual(problems.length, 1);
      this.assertTrue(problems[0].startsWith(`Ignoring the durations file ${file}: `));
    }
  }

  /** The module graph (for --changed) is saved, loaded and kept through a merge; a malformed one makes the file invalid. */
  test_modulesRoundTrip(): void {
    const file = this.#file();
    const modules = { 'test/a.ts': ['src/x.ts'] };
    saveDurations(file, mergeDurations({ ...emptyDurations(), modules }, [{ id: 'test/a.ts:A.test_1', durationMs: 1 }]));
    this.assertEqual(loadDurations(file).modules, modules);
    fs.writeFileSync(file, JSON.stringify({ version: 1, tests: {}, modules: { 'test/a.ts': 'src/x.ts' } }));
    this.assertIdentical(loadDurations(file, () => undefined).modules, undefined);
  }

  /** Save then load gives the same durations; the folder is created and no temp file remains. */
  test_saveAndLoad(): void {
    const file = this.#file();
    const durations = mergeDurations(emptyDurations(), [
      { id: 'b.ts:B.test_1', durationMs: 12.3456 },
      { id: 'a.ts:A.test_1', durationMs: 4 },
    ]);
    saveDurations(file, durations);
    this.assertEqual(loadDurations(file), { version: 1, tests: { 'a.ts:A.test_1': 4, 'b.ts:B.test_1': 12.346 } });
    this.assertEqual(fs.readdirSync(path.dirname(file)), ['durations.json']);
    this.assertEqual(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).tests), ['a.ts:A.test_1', 'b.ts:B.test_1']);
  }

  /** New measurements replace old ones; unmeasured tests keep theirs; the base is untouched. */
  test_merge(): void {
    const base = { version: 1 as const, tests: { a: 10, b: 20 }, failed: ['b'] };
    const merged = mergeDurations(base, [{ id: 'b', durationMs: 5 }, { id: 'c', durationMs: 7 }, { id: 'd', durationMs: NaN }]);
    this.assertEqual(merged, { version: 1, tests: { a: 10, b: 5, c: 7 }, failed: ['b'] });
    this.assertEqual(base.tests, { a: 10, b: 20 });
  }

  /** The recorder keeps the duration of every ended test. */
  test_recorder(): void {
    const recorder = durationsRecorder();
    const test = { id: 'a.ts:A.test_1', file: 'a.ts', className: 'A', methodName: 'test_1' };
    recorder.sink({ type: 'test:start', test, worker: 0, timeoutMs: 1 });
    recorder.sink({ type: 'test:end', test, worker: 0, outcome: 'success', durationMs: 3, errors: [] });
    this.assertEqual(recorder.measured(), [{ id: 'a.ts:A.test_1', durationMs: 3 }]);
  }

  /** A symlink planted at the file's folder is not followed: nothing is written where it points, and the error names the folder. */
  test_savePlantedLinkRefused(): void {
    const file = this.#file();
    const elsewhere = path.join(path.dirname(path.dirname(file)), 'elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    fs.symlinkSync(elsewhere, path.dirname(file));
    const error = this.assertRaises(UnsafeDurationsFolderError, () => saveDurations(file, { version: 1, tests: { a: 1 } }));
    this.assertEqual(error.code, 'TRIAL_DURATIONS_UNSAFE');
    this.assertIn(path.dirname(file), error.message);
    this.assertIn('symbolic link', error.message);
    this.assertEqual(fs.readdirSync(elsewhere), []);
  }

  /** A folder others may write to is refused too; a new folder is created private to writes (0755). */
  test_saveFolderModes(): void {
    const file = this.#file();
    saveDurations(file, { version: 1, tests: { a: 1 } });
    this.assertEqual(fs.statSync(path.dirname(file)).mode & 0o777, 0o755);
    fs.chmodSync(path.dirname(file), 0o777);
    this.assertRaises(UnsafeDurationsFolderError, () => saveDurations(file, { version: 1, tests: { b: 2 } }));
    this.assertEqual(loadDurations(file).tests, { a: 1 });
  }

  /** Saving over an existing file replaces it whole (rename), never leaving it half written. */
  test_saveReplaces(): void {
    const file = this.#file();
    saveDurations(file, { version: 1, tests: { a: 1 } });
    saveDurations(file, { version: 1, tests: { b: 2 } });
    this.assertEqual(loadDurations(file).tests, { b: 2 });
  }
}

export class ShardRecordTests extends SynchronousTestCase {
  /** A shard's record sits beside the durations file, named after the shard. */
  test_shardRecordPath(): void {
    this.assertEqual(shardRecordPath('/c/durations.json', { index: 2, total: 3 }), '/c/durations.shard-2-of-3.json');
    this.assertEqual(shardRecordPath('/c/times', { index: 1, total: 4 }), '/c/times.shard-1-of-4.json');
  }

  /** Only the shard records of that durations file are listed, sorted; a missing folder lists none. */
  test_shardRecordFiles(): void {
    const dir = this.mktemp();
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['durations.json', 'durations.shard-2-of-3.json', 'durations.shard-1-of-3.json', 'durations.shard-x-of-3.json', 'other.shard-1-of-3.json']) {
      fs.writeFileSync(path.join(dir, name), '{}');
    }
    this.assertEqual(shardRecordFiles(path.join(dir, 'durations.json')), [
      path.join(dir, 'durations.shard-1-of-3.json'),
      path.join(dir, 'durations.shard-2-of-3.json'),
    ]);
    this.assertEqual(shardRecordFiles(path.join(dir, 'missing', 'durations.json')), []);
  }
}
