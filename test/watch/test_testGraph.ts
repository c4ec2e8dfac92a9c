/**
 * Tests for src/watch/testGraph.ts: affected test files by direct and transitive
 * dependencies, a failed load adding to what was known, forgetting deleted files, and the
 * saved form's round trip.
 */
import { SynchronousTestCase } from 'trial-ts';
import { TestGraph } from '../../src/watch/testGraph';

const entry = (file: string, modules: string[], loaded = true) => ({ file, modules, loaded });

export class TestGraphTests extends SynchronousTestCase {
  /** A changed test file, and test files depending on a changed module, are affected; others are not. */
  test_affectedByTheFileAndItsDependencies(): void {
    const graph = new TestGraph();
    graph.update([entry('/p/test/a.ts', ['/p/src/x.ts', '/p/src/y.ts']), entry('/p/test/b.ts', ['/p/src/y.ts']), entry('/p/test/c.ts', [])]);
    const all = ['/p/test/a.ts', '/p/test/b.ts', '/p/test/c.ts'];
    this.assertEqual(graph.affected(['/p/src/x.ts'], all), ['/p/test/a.ts']);
    this.assertEqual(graph.affected(['/p/src/y.ts'], all), ['/p/test/a.ts', '/p/test/b.ts']);
    this.assertEqual(graph.affected(['/p/test/c.ts'], all), ['/p/test/c.ts']);
    this.assertEqual(graph.affected(['/p/README.md'], all), []);
  }

  /** Only test files of the selection are answered, even if the graph knows more. */
  test_affectedLimitedToSelection(): void {
    const graph = new TestGraph();
    graph.update([entry('/p/test/a.ts', ['/p/src/x.ts']), entry('/p/test/b.ts', ['/p/src/x.ts'])]);
    this.assertEqual(graph.affected(['/p/src/x.ts'], ['/p/test/b.ts']), ['/p/test/b.ts']);
  }

  /** A load replaces what was known; a failed load adds to it (a fix of the broken module still re-runs the file). */
  test_failedLoadAddsToKnown(): void {
    const graph = new TestGraph();
    graph.update([entry('/t.ts', ['/a.ts', '/b.ts'])]);
    graph.update([entry('/t.ts', ['/a.ts'], false)]);
    this.assertEqual(graph.affected(['/b.ts'], ['/t.ts']), ['/t.ts']);
    graph.update([entry('/t.ts', ['/a.ts'])]);
    this.assertEqual(graph.affected(['/b.ts'], ['/t.ts']), []);
  }

  /** A forgotten file is no longer known. */
  test_forget(): void {
    const graph = new TestGraph();
    graph.update([entry('/t.ts', ['/a.ts'])]);
    this.assertTrue(graph.knows('/t.ts'));
    graph.forget('/t.ts');
    this.assertFalse(graph.knows('/t.ts'));
    this.assertEqual(graph.size, 0);
  }

  /** The saved form is relative and sorted, and reads back to the same answers. */
  test_recordRoundTrip(): void {
    const graph = new TestGraph();
    graph.update([entry('/p/test/b.ts', ['/p/src/z.ts', '/p/src/y.ts']), entry('/p/test/a.ts', [])]);
    const record = graph.toRecord('/p');
    this.assertEqual(JSON.stringify(record), JSON.stringify({ 'test/a.ts': [], 'test/b.ts': ['src/y.ts', 'src/z.ts'] }));
    const again = TestGraph.fromRecord(record, '/p');
    this.assertEqual(again.affected(['/p/src/z.ts'], ['/p/test/a.ts', '/p/test/b.ts']), ['/p/test/b.ts']);
  }
}
