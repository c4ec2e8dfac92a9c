/**
 * `--changed`: narrow a run's selection to the test files that the files git reports as
 * changed affect, by the module graph the durations file carries. Whatever the graph
 * cannot vouch for runs: every test without a graph, all of them when the config changed,
 * and each test file the graph has no record of.
 *
 * @packageDocumentation
 */
import type { WorkUnit } from '../runner/interfaces';
import type { ChangedFiles } from './changedFiles';
import { messages } from './messages';
import type { TestGraph } from './testGraph';

/** What `--changed` runs, and a note for the user about why. */
export interface ChangedSelection {
  units: WorkUnit[];
  /** One line for stderr, when the selection needs explaining. */
  note?: string;
}

/**
 * The units of `units` that `changed` affects.
 *
 * @param units - the run's selection, before narrowing.
 * @param graph - the recorded graph (the durations file's), empty when none was recorded.
 * @param changed - what git reported.
 * @param configFile - the config file, whose change means everything is affected.
 * @returns the narrowed units and, when useful, a note.
 */
export function selectChanged(units: readonly WorkUnit[], graph: TestGraph, changed: ChangedFiles, configFile: string | undefined): ChangedSelection {
  if (graph.size === 0) return { units: [...units], note: messages.noGraph };
  if (configFile !== undefined && changed.files.includes(configFile)) {
    return { units: [...units], note: messages.configChangedSinceRef(configFile) };
  }
  const testFiles = [...new Set(units.map((unit) => unit.file))];
  const affected = new Set(graph.affected(changed.files, testFiles));
  for (const file of testFiles) if (!graph.knows(file)) affected.add(file);
  const chosen = units.filter((unit) => affected.has(unit.file));
  return chosen.length > 0 ? { units: chosen } : { units: [], note: messages.nothingChanged(changed.against) };
}
