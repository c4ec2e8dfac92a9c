/**
 * The first module a worker loads (imported first by workerEntry.ts): it turns the
 * compile cache on (src/runner/loader/compileCache.ts) before the rest of the runner
 * loads in the thread or process, so that those modules come from the cache too.
 *
 * @packageDocumentation
 */
import { COVERAGE_TEMP_ENV } from '../coverage/collector';
import { enableCompileCache } from '../runner/loader/compileCache';

enableCompileCache(process.env[COVERAGE_TEMP_ENV] !== undefined);
