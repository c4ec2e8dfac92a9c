// PROVISIONAL until src/runner/durations.ts lands.
import type { RunnerEvent } from '../runner/events';
export class DurationsRecorder {
  #previous = new Map<string, number>();
  static async load(_file: string): Promise<DurationsRecorder> { return new DurationsRecorder(); }
  previous(): Map<string, number> { return this.#previous; }
  lastFailed(): Set<string> { return new Set(); }
  observe(_event: RunnerEvent): void {}
  async save(_failed: Set<string>): Promise<void> {}
}
