/**
 * Tests for src/platform/replaceFile.ts: the file is replaced by a rename (a new file,
 * nothing left beside it), and a failed replace leaves the old file and no temporary one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynchronousTestCase } from 'trial-ts';
import { replaceFile } from '../../src/platform/replaceFile';

export class ReplaceFileTests extends SynchronousTestCase {
  #dir = '';

  override setUp() {
    this.#dir = this.mktemp();
    fs.mkdirSync(this.#dir);
  }

  /** A new file takes the old one's name: new content, new inode, nothing else in the folder. */
  test_replacesWhole() {
    const file = path.join(this.#dir, 'data.json');
    fs.writeFileSync(file, 'old');
    const before = fs.statSync(file).ino;
    replaceFile(file, 'new');
    this.assertEqual(
      { text: fs.readFileSync(file, 'utf8'), sameInode: fs.statSync(file).ino === before, names: fs.readdirSync(this.#dir) },
      { text: 'new', sameInode: false, names: ['data.json'] },
    );
  }

  /** When the rename fails (a folder has the name), the error is thrown and the temporary file removed. */
  test_failureLeavesNothing() {
    const target = path.join(this.#dir, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'kept');
    const error = this.assertRaises(Error, () => replaceFile(target, 'text'));
    this.assertIn((error as NodeJS.ErrnoException).code, ['EISDIR', 'ENOTEMPTY', 'EEXIST']);
    this.assertEqual({ names: fs.readdirSync(this.#dir), inside: fs.readFileSync(path.join(target, 'inside'), 'utf8') }, { names: ['taken'], inside: 'kept' });
  }
}
