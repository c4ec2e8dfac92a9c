/**
 * Tests for src/platform/processKeys.ts: one table of every process-wide key, so that no
 * file spells a `Symbol.for` key of its own (where a typo would fail silently).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runtimeKeys } from '@trial-ts/runtime/internal';
import { SynchronousTestCase } from 'trial-ts';
import { processKeys, processRegistry } from '../../src/platform/processKeys';
import { RUNTIME_SRC, SRC, sourceFiles } from '../importBoundaries.table';

/** The two key tables, relative to their source folders. */
const KEY_MODULES = [path.join(SRC, 'platform', 'processKeys.ts'), path.join(RUNTIME_SRC, 'keys.ts')];

export class ProcessKeysTests extends SynchronousTestCase {
  /** Every key is a registered symbol under `trial-ts.`, and no two names share one. */
  test_keysAreDistinctRegisteredSymbols(): void {
    const keys = Object.values(processKeys);
    this.assertEqual(new Set(keys).size, keys.length);
    for (const key of keys) this.assertTrue(Symbol.keyFor(key)?.startsWith('trial-ts.'), String(key));
  }

  /** The table lists the runtime's keys too, under the runtime's names and values. */
  test_includesRuntimeKeys(): void {
    for (const [name, key] of Object.entries(runtimeKeys)) this.assertIdentical((processKeys as Record<string, symbol>)[name], key);
  }

  /** Outside the two key modules, neither src/ nor the runtime calls `Symbol.for` (comments aside). */
  test_noOtherFileMakesKeys(): void {
    const files = [...sourceFiles(SRC).map((file) => path.join(SRC, file)), ...sourceFiles(RUNTIME_SRC).map((file) => path.join(RUNTIME_SRC, file))];
    const offenders = files
      .filter((file) => !KEY_MODULES.includes(file))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => line.includes('Symbol.for(') && !/^\s*(\*|\/\/)/.test(line))
          .map(({ index }) => `${path.relative(path.dirname(SRC), file)}:${index + 1}`),
      );
    this.assertEqual(offenders, []);
  }

  /** A registry is made once and then shared, on globalThis under its key. */
  test_registryMadeOnce(): void {
    const key = processKeys.unsafeDirectoriesNoted;
    const first = processRegistry(key, () => new Set<string>());
    this.assertIdentical(processRegistry(key, () => new Set<string>()), first);
    this.assertIdentical((globalThis as unknown as Record<symbol, unknown>)[key], first);
  }
}
