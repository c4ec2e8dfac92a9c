/**
 * Turns raw V8 coverage into istanbul's file coverage, in TypeScript lines: v8-to-istanbul
 * maps V8's byte ranges back through the loader's inline source maps. It was chosen over
 * ast-v8-to-istanbul and monocart because it needs no JavaScript parser (the others parse
 * every file again; swc gives no ESTree), it is the converter c8 uses (so the numbers agree
 * with c8's), and it measured faster here (docs/coverage.md).
 *
 * Pieces of one file from several workers are added up before (mergeScriptCoverage), so
 * each file is converted once.
 *
 * @packageDocumentation
 */
import type { CoverageMap, FileCoverageData } from 'istanbul-lib-coverage';
import type { ScriptCoverage } from './collector';
import { scriptSource, type InlineSourceMap, type ScriptSource } from './scriptSource';

type Converter = {
  load(): Promise<void>;
  applyCoverage(functions: ScriptCoverage['functions']): void;
  toIstanbul(): Record<string, FileCoverageData>;
};
type ConverterClass = new (path: string, wrapperLength: number, sources: { source: string; sourceMap?: { sourcemap: InlineSourceMap } }) => Converter;

/**
 * Keep only what can run and is not ignored: statements on lines that carry code (a line no
 * generated code maps to — a type, an interface, a blank or comment line — can never run,
 * so it is never a missed line), and no statement, function or branch that starts on a line
 * an ignore hint leaves out. (v8-to-istanbul itself counts ignored lines as covered, and an
 * ignored function as called.)
 */
function keepCountedCode(data: FileCoverageData, source: ScriptSource): FileCoverageData {
  const counted = (line: number): boolean => !source.ignoredLines.has(line);
  const [statementMap, s] = keepEntries(data.statementMap, data.s, (at) => source.codeLines.has(at.start.line) && counted(at.start.line));
  if (source.ignoredLines.size === 0) return { ...data, statementMap, s };
  const [fnMap, f] = keepEntries(data.fnMap, data.f, (fn) => counted(fn.decl.start.line));
  const [branchMap, b] = keepEntries(data.branchMap, data.b, (branch) => counted(branch.loc.start.line));
  return { ...data, statementMap, s, fnMap, f, branchMap, b };
}

/** The entries of an istanbul map (and their counts, by the same ids) that `keep` accepts. */
function keepEntries<L, C>(locations: Record<string, L>, counts: Record<string, C>, keep: (location: L) => boolean): [Record<string, L>, Record<string, C>] {
  const keptLocations: Record<string, L> = {};
  const keptCounts: Record<string, C> = {};
  for (const [id, location] of Object.entries(locations)) {
    if (!keep(location)) continue;
    keptLocations[id] = location;
    keptCounts[id] = counts[id];
  }
  return [keptLocations, keptCounts];
}

/** A file read, compiled and loaded into a converter: what does not depend on the counts. */
interface PreparedFile {
  source: ScriptSource;
  converter: Converter;
}

/**
 * Converts pieces of raw coverage, reading and compiling each file once. A file can be
 * prepared before its counts are known ({@link CoverageConverter.prepare}), so a run does
 * that part while its tests are still running.
 */
export class CoverageConverter {
  readonly #prepared = new Map<string, Promise<PreparedFile>>();
  readonly #map: CoverageMap;
  readonly #Converter: ConverterClass;

  /** @param map - the map every converted piece is merged into. */
  constructor(map: CoverageMap) {
    this.#map = map;
    this.#Converter = require('v8-to-istanbul') as ConverterClass;
  }

  /** The map the converted files are merged into. */
  get map(): CoverageMap {
    return this.#map;
  }

  /**
   * Read, compile and load a file ahead of {@link CoverageConverter.add} (once; a file that
   * cannot be read or compiled fails its `add`, not this call).
   *
   * @param file - the absolute path of the script.
   */
  async prepare(file: string): Promise<void> {
    await this.#load(file).catch(() => undefined);
  }

  #load(file: string): Promise<PreparedFile> {
    let prepared = this.#prepared.get(file);
    if (prepared === undefined) {
      prepared = (async () => {
        const source = scriptSource(file);
        const sources = source.sourceMap === undefined ? { source: source.code } : { source: source.code, sourceMap: { sourcemap: source.sourceMap } };
        const converter = new this.#Converter(file, 0, sources);
        await converter.load();
        return { source, converter };
      })();
      this.#prepared.set(file, prepared);
    }
    return prepared;
  }

  /**
   * Add one script's raw coverage (once per file: a converter takes one set of counts).
   *
   * @param file - the absolute path of the script.
   * @param functions - V8's function ranges for it (an empty list: a file no test loaded).
   */
  async add(file: string, functions: ScriptCoverage['functions']): Promise<void> {
    const { source, converter } = await this.#load(file);
    this.#prepared.delete(file);
    const ranges =
      functions.length > 0
        ? functions
        : [{ functionName: '(empty-report)', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: source.code.length, count: 0 }] }];
    converter.applyCoverage(ranges);
    for (const data of Object.values(converter.toIstanbul())) this.#map.addFileCoverage(keepCountedCode(data, source));
  }
}
