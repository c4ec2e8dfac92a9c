/**
 * Tests for src/runner/loader/tsconfigDiskCache.ts: a tsconfig reading comes back from
 * the disk cache while its inputs are unchanged, and not once one of them changes,
 * appears or goes; the paths get-tsconfig looked at are read from its cache keys; and
 * tsconfigFor in a fresh thread serves a cached tsconfig, `paths` matching included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { pathsLookedAt, readCachedTsconfig, writeCachedTsconfig, type CachedTsconfig } from '../../../src/runner/loader/tsconfigDiskCache';
import { tsconfigFor } from '../../../src/runner/loader/tsconfigFor';

/** The per-thread tsconfig registry (tsconfigFor.ts), replaced to act as a fresh thread. */
const REGISTRY = Symbol.for('trial-ts.loader.tsconfig');

const READING: CachedTsconfig = { compilerOptions: { target: 'es2021', jsx: 'react-jsx' }, references: [] };

export class TsconfigDiskCacheTests extends SynchronousTestCase {
  #root = '';

  override setUp(): void {
    this.#root = this.mktemp();
    fs.mkdirSync(this.#root);
    const previous = process.env.TRIAL_TS_CACHE_DIR;
    process.env.TRIAL_TS_CACHE_DIR = path.join(this.#root, 'cache');
    this.addCleanup(() => {
      if (previous === undefined) delete process.env.TRIAL_TS_CACHE_DIR;
      else process.env.TRIAL_TS_CACHE_DIR = previous;
    });
  }

  #write(relative: string, text: string): string {
    const file = path.join(this.#root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  /** What was written comes back while the tsconfig and its inputs are unchanged. */
  test_roundTrip(): void {
    const tsconfig = this.#write('tsconfig.json', '{}');
    const base = this.#write('base.json', '{}');
    writeCachedTsconfig(tsconfig, READING, [base]);
    this.assertEqual(readCachedTsconfig(tsconfig), READING);
    this.assertEqual(readCachedTsconfig(this.#write('other/tsconfig.json', '{}')), undefined);
  }

  /** An edited input (the tsconfig itself or a file of its chain) makes the entry stale. */
  test_changedInputIsStale(): void {
    const tsconfig = this.#write('tsconfig.json', '{}');
    const base = this.#write('base.json', '{}');
    writeCachedTsconfig(tsconfig, READING, [base]);
    fs.writeFileSync(base, '{ "compilerOptions": {} }');
    this.assertEqual(readCachedTsconfig(tsconfig), undefined);
    writeCachedTsconfig(tsconfig, READING, [base]);
    fs.writeFileSync(tsconfig, '{ }');
    this.assertEqual(readCachedTsconfig(tsconfig), undefined);
  }

  /** A path that was absent (a node_modules searched) and now exists makes it stale too. */
  test_appearedInputIsStale(): void {
    const tsconfig = this.#write('tsconfig.json', '{}');
    const searched = path.join(this.#root, 'node_modules', 'shared-config', 'tsconfig.json');
    writeCachedTsconfig(tsconfig, READING, [searched]);
    this.assertEqual(readCachedTsconfig(tsconfig), READING);
    this.#write('node_modules/shared-config/tsconfig.json', '{}');
    this.assertEqual(readCachedTsconfig(tsconfig), undefined);
  }

  /** The paths come from get-tsconfig's cache keys, whatever the call and its extra arguments. */
  test_pathsLookedAt(): void {
    const keys = new Map<string, unknown>([
      ['readFileSync:/p/tsconfig.json:utf8', '{}'],
      ['existsSync:/p/node_modules/base/package.json', false],
      ['statSync:/p/base.json:[object Object]', undefined],
      ['realpathSync:/p/link.json', '/p/real.json'],
      ['somethingElse:relative', true],
    ]);
    this.assertEqual(pathsLookedAt(keys), ['/p/tsconfig.json', '/p/node_modules/base/package.json', '/p/base.json', '/p/link.json']);
  }

  /** A fresh thread gets the cached options, and `paths` still map (read in full on demand). */
  test_freshThreadServedFromCache(): void {
    this.#write('base.json', '{ "compilerOptions": { "paths": { "@app/*": ["./src/*"] } } }');
    this.#write('tsconfig.json', '{ "extends": "./base.json", "compilerOptions": { "target": "es2020" } }');
    const source = path.join(this.#root, 'test', 't.ts');
    const holder = globalThis as Record<symbol, unknown>;
    const previous = holder[REGISTRY];
    this.addCleanup(() => void (holder[REGISTRY] = previous));
    holder[REGISTRY] = undefined;
    tsconfigFor(source); // reads and writes the entry
    this.assertEqual(readCachedTsconfig(path.join(this.#root, 'tsconfig.json'))?.compilerOptions.target, 'es2020');
    holder[REGISTRY] = undefined;
    const cached = tsconfigFor(source)!;
    this.assertEqual(cached.compilerOptions.target, 'es2020');
    this.assertEqual(cached.matchPaths!('trial-ts'), []);
    this.assertEqual(cached.matchPaths!('@app/lib/util.js'), [path.join(this.#root, 'src', 'lib', 'util.js')]);
  }

  /** Under `baseUrl`, a cached tsconfig maps every specifier as get-tsconfig's own matcher does. */
  test_cachedBaseUrlMatchesAsRead(): void {
    this.#write('configs/base.json', '{ "compilerOptions": { "baseUrl": "../lib", "paths": { "#x": ["./x.ts"] } } }');
    this.#write('tsconfig.json', '{ "extends": "./configs/base.json" }');
    const source = path.join(this.#root, 'test', 't.ts');
    const holder = globalThis as Record<symbol, unknown>;
    const previous = holder[REGISTRY];
    this.addCleanup(() => void (holder[REGISTRY] = previous));
    const specifiers = ['lodash', 'deep/name.js', '#x', './local.js', '../up.js'];
    holder[REGISTRY] = undefined;
    const read = specifiers.map((specifier) => tsconfigFor(source)!.matchPaths!(specifier));
    holder[REGISTRY] = undefined;
    this.assertEqual(specifiers.map((specifier) => tsconfigFor(source)!.matchPaths!(specifier)), read);
    this.assertEqual(read[0], [path.join(this.#root, 'lib', 'lodash')]);
  }
}
