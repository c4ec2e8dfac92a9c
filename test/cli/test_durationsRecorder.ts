/**
 * Tests for src/cli/durationsRecorder.ts: one session's durations file, read at the start
 * and written at the end with what was measured and which tests failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { DurationsRecorder } from '../../src/cli/durationsRecorder';
import type { TestEndEvent } from '../../src/runner/events';

function ended(file: string, method: string, durationMs: number): TestEndEvent {
  const id = `${file}:T.${method}`;
  return { type: 'test:end', test: { id, file, className: 'T', methodName: method }, worker: 0, outcome: 'success', durationMs, errors: [] };
}

/** Tests of the session's durations file. */
export class DurationsRecorderTests extends SynchronousTestCase {
  #dir(): string {
    const dir = this.mktemp();
    fs.mkdirSync(path.join(dir, 'test'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'test', 'test_kept.ts'), '');
    return dir;
  }

  /** No file yet: nothing previous, nothing failed, no warning. */
  test_missingFile() {
    const warnings: string[] = [];
    const recorder = DurationsRecorder.load(path.join(this.mktemp(), 'durations.json'), (m) => warnings.push(m));
    this.assertEqual([recorder.previous('test/test_kept.ts'), [...recorder.lastFailed()], warnings], [undefined, [], []]);
  }

  /** save() merges what was measured into what was loaded, forgets tests of deleted files, and records the failed ids; load() reads it back. */
  test_saveThenLoad() {
    const cwd = this.#dir();
    const file = path.join(cwd, 'durations.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, tests: { 'test/test_kept.ts:T.test_old': 5, 'test/test_gone.ts:T.test_x': 7 } }));
    const recorder = DurationsRecorder.load(file, () => undefined);
    recorder.observe(ended('test/test_kept.ts', 'test_new', 12.5));
    this.assertEqual(recorder.previous('test/test_kept.ts'), { 'T.test_old': 5, 'T.test_new': 12.5 }, 'recorded as it arrived');
    recorder.save(new Set(['test/test_kept.ts:T.test_new']), cwd);
    const again = DurationsRecorder.load(file, () => undefined);
    this.assertEqual([again.previous('test/test_kept.ts'), again.previous('test/test_gone.ts')], [{ 'T.test_new': 12.5, 'T.test_old': 5 }, undefined]);
    this.assertEqual([...again.lastFailed()], ['test/test_kept.ts:T.test_new']);
  }

  /** A broken file is reported through `warn` and read as empty. */
  test_brokenFileWarns() {
    const file = path.join(this.mktemp() + '.json');
    fs.writeFileSync(file, '{not json');
    const warnings: string[] = [];
    const recorder = DurationsRecorder.load(file, (m) => warnings.push(m));
    this.assertIdentical(recorder.previous('test/test_kept.ts'), undefined);
    this.assertEqual(warnings.length, 1);
    this.assertSubstring(`Ignoring the durations file ${file}`, warnings[0]!);
  }

  /**
   * The module graph: a file that loaded replaces what was known of it, one that failed to
   * load adds to it, watch mode's whole graph replaces every file's, and test files that
   * are gone are dropped on save.
   */
  test_moduleGraph() {
    const cwd = this.#dir();
    fs.writeFileSync(path.join(cwd, 'test', 'test_broken.ts'), '');
    const file = path.join(cwd, 'durations.json');
    const before = { 'test/test_kept.ts': ['src/old.ts'], 'test/test_broken.ts': ['src/a.ts'], 'test/test_gone.ts': ['src/x.ts'] };
    fs.writeFileSync(file, JSON.stringify({ version: 1, tests: {}, modules: before }));
    const recorder = DurationsRecorder.load(file, () => undefined);
    recorder.updateModules(
      [
        { file: path.join(cwd, 'test', 'test_kept.ts'), modules: [path.join(cwd, 'src', 'new.ts')], loaded: true },
        { file: path.join(cwd, 'test', 'test_broken.ts'), modules: [path.join(cwd, 'src', 'b.ts')], loaded: false },
      ],
      cwd,
    );
    recorder.save(new Set(), cwd);
    this.assertEqual(DurationsRecorder.load(file, () => undefined).previousModules(), {
      'test/test_broken.ts': ['src/a.ts', 'src/b.ts'],
      'test/test_kept.ts': ['src/new.ts'],
    });
    recorder.setModules({ 'test/test_kept.ts': ['src/watched.ts'] });
    recorder.save(new Set(), cwd);
    this.assertEqual(DurationsRecorder.load(file, () => undefined).previousModules(), { 'test/test_kept.ts': ['src/watched.ts'] });
  }
}
