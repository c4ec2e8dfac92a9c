/**
 * `--help-reporters`: the reporter table, one line each, printed from the registry.
 *
 * @packageDocumentation
 */
import { reporterHelpLines } from '../reporters/registry';

/** The text `--help-reporters` prints. */
export function helpReporters(): string {
  return ['Reporters (use --reporter NAME or --reporter NAME:FILE, repeatable):', ...reporterHelpLines(), ''].join('\n');
}
