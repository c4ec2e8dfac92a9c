/**
 * Tests for src/watch/changedSelection.ts: affected files chosen by the graph, everything
 * without a graph or after a config change, unknown test files kept, and a note when
 * nothing is affected.
 */
import { SynchronousTestCase } from 'trial-ts';
import { selectChanged } from '../../src/watch/changedSelection';
import { TestGraph } from '../../src/watch/testGraph';

const units = [{ file: '/p/test/a.ts' }, { file: '/p/test/b.ts' }, { file: '/p/test/new.ts' }];

function graph(): TestGraph {
  const built = new TestGraph();
  built.update([
    { file: '/p/test/a.ts', modules: ['/p/src/x.ts'], loaded: true },
    { file: '/p/test/b.ts', modules: ['/p/src/y.ts'], loaded: true },
  ]);
  return built;
}

export class SelectChangedTests extends SynchronousTestCase {
  /** Files depending on a changed module run, with the test files the graph has no record of. */
  test_affectedAndUnknown(): void {
    const selection = selectChanged(units, graph(), { files: ['/p/src/x.ts'], against: 'since main' }, undefined);
    this.assertEqual(selection.units.map((unit) => unit.file), ['/p/test/a.ts', '/p/test/new.ts']);
    this.assertIdentical(selection.note, undefined);
  }

  /** Without a recorded graph every test runs, with a note saying so. */
  test_noGraphRunsAll(): void {
    const selection = selectChanged(units, new TestGraph(), { files: ['/p/src/x.ts'], against: 'since main' }, undefined);
    this.assertEqual(selection.units.length, 3);
    this.assertIn('no module graph recorded yet', selection.note ?? '');
  }

  /** A changed config runs everything. */
  test_configChangeRunsAll(): void {
    const selection = selectChanged(units, graph(), { files: ['/p/trial-ts.config.ts'], against: 'since main' }, '/p/trial-ts.config.ts');
    this.assertEqual(selection.units.length, 3);
    this.assertIn('trial-ts.config.ts changed', selection.note ?? '');
  }

  /** When nothing is affected the selection is empty, and the note says against what. */
  test_nothingAffected(): void {
    const selection = selectChanged(units.slice(0, 2), graph(), { files: ['/p/README.md'], against: 'in the working tree' }, undefined);
    this.assertEqual(selection.units, []);
    this.assertIn('in the working tree', selection.note ?? '');
  }
}
