/** CoverageConverter: raw V8 ranges of a TypeScript file become istanbul data in TypeScript lines. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCoverageMap } from 'istanbul-lib-coverage';
import { TestCase } from 'trial-ts';
import { CoverageConverter } from '../../src/coverage/convertCoverage';

export class CoverageConverterTests extends TestCase {
  /** A file no test loaded is listed with every code line missed, and its type lines not at all. */
  async test_unloadedFileIsAllMissed(): Promise<void> {
    const file = path.resolve(this.mktemp() + '.ts');
    fs.writeFileSync(file, ['export interface A {', '  x: number;', '}', '', 'export function f(a: A): number {', '  return a.x;', '}', ''].join('\n'));
    const map = createCoverageMap({});
    await new CoverageConverter(map).add(file, []);
    const lines = map.fileCoverageFor(file).getLineCoverage();
    this.assertEqual({ ...lines }, { 5: 0, 6: 0, 7: 0 });
  }
}
