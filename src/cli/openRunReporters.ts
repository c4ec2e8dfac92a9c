/**
 * Opens the run's reporters from the resolved `--reporter` specs: the default `tree`,
 * plus `github` alongside it when running under GitHub Actions. A bad spec (unknown name,
 * unwritable file, two reporters on stdout) is a usage error before any test runs.
 *
 * @packageDocumentation
 */
import { openReporters } from '../reporters/openReporters';
import { parseReporterSpec } from '../reporters/reporterSpec';
import type { Reporter, ReporterSpec } from '../reporters/interfaces';
import type { Io } from './main';
import type { ResolvedConfig } from './resolveOptions';

/** The reporter specs of a run, with `github` added under GitHub Actions. */
export function reporterSpecs(config: Pick<ResolvedConfig, 'reporters'>, env: NodeJS.ProcessEnv): ReporterSpec[] {
  const specs = config.reporters.map(parseReporterSpec);
  if (env.GITHUB_ACTIONS === 'true' && !specs.some((spec) => spec.name === 'github')) specs.push(parseReporterSpec('github'));
  return specs;
}

/**
 * Open every reporter of the run as one.
 *
 * @param config - the run's settings.
 * @param io - stdout and the environment.
 */
export function openRunReporters(config: ResolvedConfig, io: Io): Promise<Reporter> {
  // When the reader of stdout goes away (`trial-ts --reporter json | head -1`), stop writing
  // rather than turn every EPIPE into an error that is itself reported to the closed pipe.
  let stdoutClosed = false;
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  return openReporters(reporterSpecs(config, io.env), {
    write: (chunk) => {
      if (!stdoutClosed) io.stdout.write(chunk);
    },
    isTTY: io.stdout.isTTY === true,
    color: config.color,
    columns: io.stdout.columns ?? 80,
    cwd: config.cwd,
    options: { realtimeErrors: config.realtimeErrors, durations: config.durations },
    env: io.env,
  });
}
