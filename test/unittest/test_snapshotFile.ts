/**
 * Tests for src/unittest/snapshotFile.ts: values as stored text, the file format both ways,
 * where the file lives, and which test a key belongs to.
 */
import { SynchronousTestCase } from 'trial-ts';
import * as path from 'node:path';
import {
  parseSnapshotFile,
  renderSnapshotFile,
  serializeSnapshot,
  SNAPSHOT_HEADER,
  snapshotPathOf,
  testOfSnapshotKey,
} from '../../src/unittest/snapshotFile';

export class SnapshotFileTests extends SynchronousTestCase {
  /** Strings are stored as they are; other values in full with sorted keys. */
  test_serialize() {
    this.assertEqual(serializeSnapshot('a\nb'), 'a\nb');
    this.assertEqual(serializeSnapshot({ b: 1, a: [2] }), "{\n  a: [\n    2\n  ],\n  b: 1\n}");
    this.assertEqual(serializeSnapshot(undefined), 'undefined');
  }

  /** Rendering sorts the keys and prefixes every line; parsing gives back the same texts, empty lines and trailing newlines included. */
  test_roundTrip() {
    const entries = new Map([
      ['B.test_z 1', 'line\n\nafter blank\n'],
      ['A.test_a: named', ''],
      ['A.test_a 1', '== looks like a header\n| looks like a line'],
    ]);
    const text = renderSnapshotFile(entries);
    this.assertTrue(text.startsWith(`${SNAPSHOT_HEADER}\n\n== A.test_a 1\n| == looks like a header\n| | looks like a line\n\n== A.test_a: named\n|\n\n== B.test_z 1\n`));
    this.assertEqual(parseSnapshotFile(text), entries);
  }

  /** The file is __snapshots__/<name>.snap beside the test file. */
  test_pathBesideTheTest() {
    this.assertEqual(snapshotPathOf(path.join('/p', 'test', 'test_x.ts')), path.join('/p', 'test', '__snapshots__', 'test_x.ts.snap'));
  }

  /** Numbered and named keys belong to their test, case included. */
  test_testOfKey() {
    this.assertEqual(testOfSnapshotKey('A.test_x 2'), 'A.test_x');
    this.assertEqual(testOfSnapshotKey('A.test_x[big one] 1'), 'A.test_x[big one]');
    this.assertEqual(testOfSnapshotKey('A.test_x: the: name'), 'A.test_x');
  }
}
