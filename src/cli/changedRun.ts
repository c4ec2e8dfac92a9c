/**
 * `--changed [REF]` in the plan stage: the discovered files narrowed to those the files
 * git reports as changed affect, by the module graph of the durations file. The note
 * that explains a wider or an empty selection goes to stderr.
 *
 * @packageDocumentation
 */
import type { DiscoveredRun } from '../plan/interfaces';
import { changedFiles } from '../watch/changedFiles';
import { selectChanged } from '../watch/changedSelection';
import { TestGraph } from '../watch/testGraph';
import type { RunResources } from './runResources';

/**
 * The part of `discovered` that the changes affect.
 *
 * @param discovered - the files the command line named (or the roots hold).
 * @param resources - the config (`changed`, the config file), the durations file's graph, stderr.
 * @returns the narrowed run; no units when nothing is affected.
 * @throws `WatchUsageError` when git cannot tell what changed (not a work tree, an unknown REF).
 */
export function narrowToChanged(discovered: DiscoveredRun, { config, durations, io }: RunResources): DiscoveredRun {
  const changed = changedFiles(config.cwd, config.changed?.ref);
  const graph = TestGraph.fromRecord(durations.previousModules(), config.cwd);
  const selection = selectChanged(discovered.units, graph, changed, config.configFile);
  if (selection.note !== undefined) io.stderr.write(`${selection.note}\n`);
  return { units: selection.units };
}
