/**
 * The `pg` package, loaded on first use. It is an optional peer dependency of trial-ts:
 * only the PostgreSQL sidecar needs it, so a project without `postgres()` in its config
 * never installs it, and one that has it gets a clear setup error instead of a
 * "Cannot find module" stack.
 *
 * @packageDocumentation
 */
import type * as Pg from 'pg';
import { messages } from './messages';
import { SidecarStartError } from './sidecarErrors';

let loaded: typeof Pg | undefined;

/**
 * The `pg` module, required once per thread.
 *
 * @param sidecar - the sidecar that needs it, named in the error; the PostgreSQL
 *   sidecar checks at its start, so later callers may leave it out.
 * @returns the module.
 * @throws SidecarStartError (exit 3) when `pg` cannot be resolved from trial-ts: it says
 *   to install it (`npm i -D pg`).
 */
export function requirePg(sidecar = 'postgres'): typeof Pg {
  if (loaded === undefined) {
    try {
      loaded = require('pg') as typeof Pg;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes("'pg'")) throw error;
      throw new SidecarStartError(sidecar, messages.pgMissing(sidecar), [], { cause: error });
    }
  }
  return loaded;
}
