/**
 * The JavaScript V8 ran for a project file, and the original lines that carry code. A
 * TypeScript file is compiled again through the loader's transform, which reads its
 * on-disk cache, so this is the very text (and inline source map) the tests executed.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { decodedMappings, TraceMap } from '@jridgewell/trace-mapping';
import { moduleFormatOf, needsCompiling } from '../runner/loader/moduleFormat';
import { transformTypeScript } from '../runner/loader/transform';
import { ignoredLines } from './ignoreHints';

/** A compiled file's source map, as swc inlines it (one source, its text included). */
export interface InlineSourceMap {
  version: number;
  sources: string[];
  sourcesContent?: string[];
  names: string[];
  mappings: string;
}

/** What the converter needs to know about one file. */
export interface ScriptSource {
  /** The code V8 compiled (with its inline source map for TypeScript). */
  code: string;
  /** The inline source map of a compiled file, parsed (so the converter parses it no more). */
  sourceMap?: InlineSourceMap;
  /** 1-based original lines that generated code maps to: the only lines that can run. */
  codeLines: Set<number>;
  /** 1-based original lines an ignore hint leaves out (see ignoreHints). */
  ignoredLines: Set<number>;
}

/** Original lines in a source map's `mappings` (single-source maps, as swc writes them). */
export function mappedLines(mappings: string): Set<number> {
  const map = new TraceMap({ version: 3, sources: [''], names: [], mappings });
  const lines = new Set<number>();
  for (const segments of decodedMappings(map)) {
    // A segment is [generatedColumn, sourceIndex, originalLine, originalColumn, name?]; 0-based.
    for (const segment of segments) if (segment.length >= 4) lines.add(segment[2]! + 1);
  }
  return lines;
}

function nonBlankLines(text: string): Set<number> {
  const lines = new Set<number>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() !== '') lines.add(index + 1);
  });
  return lines;
}

/** A line that starts as a comment (the rest of a doc comment, a `//` line). */
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * Read (and for TypeScript compile) a project file.
 *
 * @param file - absolute path.
 * @returns its executed code and code lines.
 * @throws the file system's error when it cannot be read, swc's when it does not compile.
 */
export function scriptSource(file: string): ScriptSource {
  const text = fs.readFileSync(file, 'utf8');
  const ignored = ignoredLines(text);
  if (!needsCompiling(file)) return { code: text, codeLines: nonBlankLines(text), ignoredLines: ignored };
  const code = transformTypeScript(text, file, moduleFormatOf(file));
  const inline = INLINE_MAP.exec(code);
  if (inline === null) return { code, codeLines: nonBlankLines(text), ignoredLines: ignored };
  const sourceMap = JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')) as InlineSourceMap;
  // swc maps its module preamble to 1:0 even when line 1 is a comment: keep code lines only.
  const lines = text.split('\n');
  const isCode = (line: number): boolean => lines[line - 1] !== undefined && lines[line - 1].trim() !== '' && !COMMENT_LINE.test(lines[line - 1]);
  const codeLines = new Set([...mappedLines(sourceMap.mappings)].filter(isCode));
  return { code, sourceMap, codeLines, ignoredLines: ignored };
}
