// The configuration of trial-ts's own test suite.
import { defineConfig } from 'trial-ts';

export default defineConfig({
  roots: ['test'],
  // Suites the benchmarks generate for trial-ts and its peers; not ours to run.
  exclude: ['test/bench/work/**', 'test/bench/peers/**'],
});
