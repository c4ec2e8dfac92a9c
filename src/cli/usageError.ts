/**
 * A mistake in how trial-ts was called or configured (exit 2). The class is the error
 * taxonomy's (src/errors/runnerError.ts); the command line's modules import it from here.
 *
 * @packageDocumentation
 */
export { UsageError } from '../errors/runnerError';
