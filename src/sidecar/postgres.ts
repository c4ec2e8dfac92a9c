/**
 * `postgres(options)`: declare a PostgreSQL sidecar in the config. The running side lives
 * in startedPostgres.ts and is loaded only when a test class asks for the sidecar, so
 * `import 'trial-ts'` (and a unit-only run) never loads the `pg` driver.
 *
 * @packageDocumentation
 */
import type { SidecarDefinition } from './interfaces';
import { validatePostgresOptions, type PostgresOptions } from './postgresOptions';

/**
 * Declare a PostgreSQL sidecar. Options are checked now, so a typo fails when the config
 * loads (exit 2); the server starts only when a selected test class asks for it.
 *
 * @param options - see {@link PostgresOptions}.
 * @returns the definition to put under `sidecars` in the config.
 * @throws SidecarConfigError for an unknown or malformed option.
 * @example
 * ```ts
 * // trial-ts.config.ts
 * import { defineConfig, postgres } from 'trial-ts';
 * export default defineConfig({ sidecars: { db: postgres({ schema: ['schema.sql'] }) } });
 * ```
 */
export function postgres(options: PostgresOptions = {}): SidecarDefinition {
  const resolved = validatePostgresOptions(options);
  return {
    kind: 'postgres',
    start: (context) => {
      const { StartedPostgres } = require('./startedPostgres') as typeof import('./startedPostgres');
      return StartedPostgres.start(resolved, context);
    },
  };
}

