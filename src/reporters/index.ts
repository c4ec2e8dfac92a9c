/**
 * The reporters: each turns the runner's events into one output format.
 *
 * - `registry.ts`: the table of reporters (`reporters`, `ReporterName`, `--help-reporters`);
 * - `tree.ts`, `verbose.ts`, `text.ts`, `dots.ts`: Trial's human layouts and summary;
 * - `json.ts`, `junit.ts`, `tap.ts`, `subunit.ts`, `github.ts`: machine formats;
 * - `reporterSpec.ts`, `openReporters.ts`, `multiReporter.ts`: `--reporter NAME[:FILE]`;
 * - `palette.ts`: chalk colours loaded once; `messages.ts`: user-facing texts;
 * - `format/`: pure rendering helpers shared by the reporters.
 *
 * @packageDocumentation
 */
export { reporters, isReporterName, reporterHelpLines } from './registry';
export type { ReporterName } from './registry';
export { multiReporter } from './multiReporter';
export { parseReporterSpec, validateReporterSpecs, whyNotWritable } from './reporterSpec';
export type { SpecCheckOptions } from './reporterSpec';
export { openReporters } from './openReporters';
export { ReporterSpecError, USAGE_ERROR_CODE } from './reporterSpecError';
export { loadChalkPalette, PLAIN_PALETTE } from './palette';
export { tree } from './tree';
export { verbose } from './verbose';
export { text } from './text';
export { dots } from './dots';
export { json, eventLine } from './json';
export { junit } from './junit';
export { tap } from './tap';
export { subunit } from './subunit';
export { github } from './github';
export type {
  Palette,
  Reporter,
  ReporterContext,
  ReporterEntry,
  ReporterFactory,
  ReporterOptions,
  ReporterSpec,
} from './interfaces';
