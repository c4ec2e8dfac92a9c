/**
 * Where a Deferred was created, for the report of its unhandled failure. Captured only
 * while the runner collects unhandled failures (see `unhandled.ts`): capturing costs a
 * few microseconds per Deferred (V8 walks the stack, formatting is left until the stack
 * is read), which a test run can afford and a production service should not pay.
 *
 * Pure: `Error.captureStackTrace` is the JavaScript engine's (V8), not Node's; on an
 * engine without it no site is recorded.
 *
 * @packageDocumentation
 */

/** The captured stack of a Deferred's creation; `stack` is formatted when first read. */
export interface CreationSite {
  readonly stack?: string;
}

type CaptureStackTrace = (target: object, constructorOpt?: Function) => void;

const capture = (Error as unknown as { captureStackTrace?: CaptureStackTrace }).captureStackTrace;

/** Frames kept: enough to get past the helpers (`fail`, `deferLater`, ...) to the user's line. */
const SITE_FRAMES = 8;

/**
 * Capture the stack at the creation of a Deferred, without the constructor's frames.
 *
 * @param constructor - the constructor being run (`new.target`); it and the frames above it are left out.
 * @returns the site, or undefined when the engine cannot capture stacks.
 */
export function captureCreationSite(constructor: Function): CreationSite | undefined {
  if (capture === undefined) return undefined;
  const site: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = SITE_FRAMES;
  capture(site, constructor);
  Error.stackTraceLimit = limit;
  return site;
}

/**
 * The `    at ...` lines of a site, without the header line the engine puts first.
 *
 * @param site - a captured site.
 * @returns the frames, one per line, or '' when none were captured.
 */
export function siteFrames(site: CreationSite | undefined): string {
  const stack = site?.stack;
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}
