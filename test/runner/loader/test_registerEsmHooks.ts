/**
 * Tests for src/runner/loader/registerEsmHooks.ts: after registering, this thread can
 * import an ES-module TypeScript file through a tsconfig `paths` alias, and registering
 * again does nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestCase } from 'trial-ts';
import { registerEsmHooks } from '../../../src/runner/loader/registerEsmHooks';

const REGISTERED = Symbol.for('trial-ts.loader.esm');

export class RegisterEsmHooksTests extends TestCase {
  /** An .mts file importing `@lib/value.js` (a .ts file behind a paths alias) loads. */
  async test_importsTypeScriptThroughAlias(): Promise<void> {
    registerEsmHooks();
    const root = this.mktemp();
    fs.mkdirSync(path.join(root, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@lib/*": ["./lib/*"] } } }');
    fs.writeFileSync(path.join(root, 'lib', 'value.ts'), 'export const value: number = 41 + 1;\n');
    fs.writeFileSync(path.join(root, 'entry.mts'), "export { value } from '@lib/value.js';\n");
    const loaded = (await import(pathToFileURL(path.join(root, 'entry.mts')).href)) as { value: number };
    this.assertEqual(loaded.value, 42);
  }

  /** The registration is recorded per thread, so a second call registers nothing more. */
  test_registersOnce(): void {
    registerEsmHooks();
    registerEsmHooks();
    this.assertTrue((globalThis as Record<symbol, unknown>)[REGISTERED] === true);
  }
}
