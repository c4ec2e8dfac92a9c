/** readRawReports: the coverage-v8.json of several shards, read back into pieces per file. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { CoverageUsageError } from '../../src/coverage/coverageErrors';
import { readRawReports } from '../../src/coverage/reportRawCoverage';

const piece = (count: number) => [{ functionName: '', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: 10, count }] }];

export class ReadRawReportsTests extends SynchronousTestCase {
  /** Paths are relative to the project root; each shard's functions become one piece. */
  test_piecesPerFile(): void {
    const root = path.resolve(this.mktemp());
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'a.json'), JSON.stringify({ version: 1, result: [{ url: 'src/x.ts', functions: piece(1) }] }));
    fs.writeFileSync(path.join(root, 'b.json'), JSON.stringify({ version: 1, result: [{ url: 'src/x.ts', functions: piece(2) }, { url: 'src/y.ts', functions: [] }] }));
    const byFile = readRawReports(['a.json', 'b.json'], root);
    this.assertEqual([...byFile.keys()], [path.join(root, 'src/x.ts'), path.join(root, 'src/y.ts')]);
    this.assertEqual(byFile.get(path.join(root, 'src/x.ts')), [piece(1), piece(2)]);
  }

  /** A file that is not a coverage-v8.json is a usage error naming it. */
  test_badFileIsUsageError(): void {
    const file = path.resolve(this.mktemp());
    fs.writeFileSync(file, '[]');
    this.assertIn(file, this.assertRaises(CoverageUsageError, readRawReports, [file], '/').message);
  }
}
