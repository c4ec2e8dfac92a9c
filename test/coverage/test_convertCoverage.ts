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

  /** A file prepared ahead (as a run does while its tests run) converts exactly as one that was not. */
  async test_preparedFileConvertsAlike(): Promise<void> {
    const file = path.resolve(this.mktemp() + '.ts');
    fs.writeFileSync(file, ['export function f(x: number): number {', '  if (x > 0) {', '    return 1;', '  }', '  return 2;', '}', 'f(1);', ''].join('\n'));
    const ran = [{ functionName: 'f', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: 60, count: 1 }] }];
    const [plain, prepared] = [createCoverageMap({}), createCoverageMap({})];
    await new CoverageConverter(plain).add(file, ran);
    const converter = new CoverageConverter(prepared);
    await converter.prepare(file);
    fs.writeFileSync(file, 'changed after preparing: never read again\n');
    await converter.add(file, ran);
    this.assertEqual(prepared.fileCoverageFor(file).toJSON(), plain.fileCoverageFor(file).toJSON());
  }

  /** A file that cannot be compiled fails its `add`, not its preparation (a run goes on preparing the others). */
  async test_unreadableFileFailsOnAdd(): Promise<void> {
    const file = path.resolve(this.mktemp() + '.ts');
    const converter = new CoverageConverter(createCoverageMap({}));
    await converter.prepare(file);
    const failure = await converter.add(file, []).then(() => undefined, (error: Error) => error);
    this.assertEqual((failure as NodeJS.ErrnoException | undefined)?.code, 'ENOENT');
  }
}
