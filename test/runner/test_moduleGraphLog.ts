/**
 * Tests for src/runner/moduleGraphLog.ts: a logged test file's dependencies are read back,
 * the folder is emptied by reading, a missing folder is no entries, and a torn line is skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestCase } from 'trial-ts';
import { logTestFileModules, takeModuleGraphLog } from '../../src/runner/moduleGraphLog';
import { importTestFile } from '../../src/runner/loader/registerTypeScript';

export class ModuleGraphLogTests extends TestCase {
  /** What a load logged is read back once; the logs are gone afterwards. */
  async test_logAndTake(): Promise<void> {
    const dir = this.mktemp();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'helper.ts'), 'export const x = 1;\n');
    const test = path.join(dir, 'test_x.ts');
    fs.writeFileSync(test, "import { x } from './helper';\nexport const y = x;\n");
    await importTestFile(test);
    const folder = path.join(dir, 'graph');
    logTestFileModules(folder, test, true);
    this.assertEqual(takeModuleGraphLog(folder), [{ file: test, modules: [path.join(dir, 'helper.ts')], loaded: true }]);
    this.assertEqual(fs.readdirSync(folder), []);
    this.assertEqual(takeModuleGraphLog(folder), []);
  }

  /** A missing folder has no entries; a torn last line (a killed worker) is skipped. */
  test_missingAndTorn(): void {
    const folder = this.mktemp();
    this.assertEqual(takeModuleGraphLog(folder), []);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '1-0.jsonl'), '{"file":"/t.ts","modules":[],"loaded":true}\n{"file":"/u');
    this.assertEqual(takeModuleGraphLog(folder), [{ file: '/t.ts', modules: [], loaded: true }]);
  }
}
