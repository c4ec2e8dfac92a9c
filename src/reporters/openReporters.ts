/**
 * Turning checked `--reporter` specs into one running reporter: reporters without a
 * file write through the caller's context (stdout); each `NAME:FILE` gets a context
 * that writes synchronously to a temporary file beside it (parent folders created),
 * renamed over FILE after its reporter closes. Chalk is loaded here, once, when colour is on.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Reporter, ReporterContext, ReporterSpec } from './interfaces';
import { multiReporter } from './multiReporter';
import { loadChalkPalette } from './palette';
import { entryOf, validateReporterSpecs } from './reporterSpec';
import { PASS_QUIET_REPORTERS, untilFailurePasses } from './untilFailurePasses';

/** A context writing to `fd`; files are never terminals and never coloured. */
function fileContext(base: ReporterContext, fd: number): ReporterContext {
  return {
    ...base,
    write: (chunk) => {
      if (typeof chunk === 'string') fs.writeSync(fd, chunk);
      else fs.writeSync(fd, chunk);
    },
    isTTY: false,
    color: false,
    columns: 80,
  };
}

/** The path exists and is not a regular file (a device, a FIFO, a socket). */
function isSpecialFile(file: string): boolean {
  try {
    return !fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a report is written until its reporter closes: a hidden name in the same folder
 * (so the rename is atomic), unique to this process.
 *
 * @param file - the report's absolute path.
 * @returns the temporary path.
 */
export function partialName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
}

/**
 * Open the reporters of a run.
 *
 * @param specs - parsed `--reporter` values (the CLI adds the default `tree`, and
 * `github` under GitHub Actions).
 * @param base - the stdout context: its `write`, `isTTY`, `color`, `cwd`, options, env.
 * @returns one reporter feeding all of them; `close()` also closes the files.
 * @throws ReporterSpecError when the specs do not pass {@link validateReporterSpecs}.
 */
export async function openReporters(specs: readonly ReporterSpec[], base: ReporterContext): Promise<Reporter> {
  validateReporterSpecs(specs, { cwd: base.cwd, stdoutIsTTY: base.isTTY });
  const stdoutContext: ReporterContext =
    base.color && base.palette === undefined ? { ...base, palette: await loadChalkPalette() } : base;
  const opened: Reporter[] = [];
  for (const spec of specs) {
    const entry = entryOf(spec);
    const quiet = PASS_QUIET_REPORTERS.has(spec.name);
    if (spec.path === undefined) {
      const reporter = entry.factory(stdoutContext);
      opened.push(quiet ? untilFailurePasses(reporter, stdoutContext) : reporter);
      continue;
    }
    const file = path.resolve(base.cwd, spec.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside the file and renamed over it on close: a reader (a CI step after a
    // crashed or killed run) sees the previous report or a complete one, never half of one.
    // A device or pipe (`json:/dev/null`, `junit:/dev/stdout`, a FIFO) is written in place:
    // renaming over it would replace the device itself.
    const partial = isSpecialFile(file) ? null : partialName(file);
    const fd = fs.openSync(partial ?? file, 'w');
    const context = fileContext(base, fd);
    const reporter = quiet ? untilFailurePasses(entry.factory(context), context) : entry.factory(context);
    opened.push({
      handle: (event) => reporter.handle(event),
      close: async () => {
        let closed = false;
        try {
          await reporter.close();
          closed = true;
        } finally {
          fs.closeSync(fd);
          if (partial !== null) {
            if (closed) fs.renameSync(partial, file);
            else fs.rmSync(partial, { force: true });
          }
        }
      },
    });
  }
  return multiReporter(...opened);
}
