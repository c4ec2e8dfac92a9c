/**
 * The import rules of STYLE.md R3 and R4 as data, checked by test/test_importBoundaries.ts,
 * and the reader that finds a source file's imports (shared with test/test_packageImports.ts).
 *
 * Layers, top to bottom: `cli → plan → {runner, workers, sidecar} → {unittest, janitor} → internet`,
 * all over the runtime package (`@trial-ts/runtime`, packages/runtime/src); `reporters`
 * beside them, reading the event protocol; `platform` (safe shared folders) below every
 * area; `errors` (the error taxonomy, pure) below every other area. An import from one area
 * into another must match a rule below; imports inside an
 * area are always allowed. Inside src/, the runtime is imported through its pure door,
 * {@link RUNTIME_DOOR}; only the public index re-exports the full `@trial-ts/runtime`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The project's src/ folder. */
export const SRC = path.resolve(__dirname, '..', 'src');

/** The runtime package's src/ folder. */
export const RUNTIME_SRC = path.resolve(__dirname, '..', 'packages', 'runtime', 'src');

/** How src/ imports the runtime: its entry that loads nothing from Node (packages/runtime/src/internal.ts). */
export const RUNTIME_DOOR = '@trial-ts/runtime/internal';

/** A top-level folder of src/ (`index.ts` at the root is the area `''`). */
export type Area = '' | 'cli' | 'plan' | 'runner' | 'workers' | 'sidecar' | 'unittest' | 'janitor' | 'internet' | 'reporters' | 'platform' | 'coverage' | 'errors' | 'watch';

/** One allowed kind of import from an area. */
export interface EdgeRule {
  /** An area (`'defer'`), or one module of it without extension (`'runner/events'`). */
  to: string;
  /** Only `import type` / `export type` (and type positions) may use this edge. */
  typeOnly?: boolean;
  /** Why this edge exists, for edges R4 does not spell out. */
  why?: string;
}

/** The lowest layer: safe shared folders; it imports nothing from the other areas, so every area may use it. */
const PLATFORM: EdgeRule = { to: 'platform', why: 'shared folders made without following symlinks and checked (issue 20)' };

/** The error taxonomy: every area's errors extend its classes, so every area but `defer` may use it. */
const ERRORS: EdgeRule = { to: 'errors', why: 'the error taxonomy: each error has a kind that decides the exit code (issue 15)' };

const LOWER_FOR_UNITTEST_AND_JANITOR: EdgeRule[] = [
  PLATFORM,
  ERRORS,
  { to: 'internet' },
  { to: 'runner/events', why: 'the event protocol: leak reports and serialized errors are its types' },
  { to: 'runner/stack', why: 'one table of runner frames, shared with leak creation sites' },
  { to: 'runner/realTimers', why: 'R5: the real timers captured at load, immune to faked timers' },
];

/** Allowed imports out of each area (R4). `cli` and the public `index.ts` may import anything. */
export const ALLOWED_EDGES: Record<Exclude<Area, '' | 'cli'>, EdgeRule[]> = {
  platform: [ERRORS],
  errors: [],
  internet: [PLATFORM, ERRORS],
  unittest: LOWER_FOR_UNITTEST_AND_JANITOR,
  janitor: LOWER_FOR_UNITTEST_AND_JANITOR,
  runner: [
    PLATFORM,
    ERRORS,
    { to: 'unittest' },
    { to: 'janitor' },
    { to: 'internet' },
    { to: 'sidecar/interfaces', typeOnly: true },
    { to: 'sidecar/sidecarRegistry', why: 'the worker-side registry of sidecar connections, shared by both copies of the library' },
    { to: 'sidecar/transactionIsolation', why: 'the runner wraps each test of a sidecar class in BEGIN … ROLLBACK' },
    { to: 'coverage/collector', why: '--coverage: the thread that runs the tests collects V8 coverage from before they load' },
  ],
  plan: [
    { to: 'runner', why: 'discovery, listing results, shards and the shuffle are the runner’s; planning puts them together' },
    { to: 'workers/autoJobs', why: '-j auto: how many workers the recorded durations say pay off' },
  ],
  workers: [
    PLATFORM,
    ERRORS,
    // R4: workers never import unittest — they load test code by path.
    { to: 'runner', why: 'workers run the units with the runner; the pools use its real timers and types' },
    { to: 'janitor' },
    { to: 'internet' },
    { to: 'sidecar/interfaces', typeOnly: true },
    { to: 'coverage/collector', why: '--coverage: every worker collects V8 coverage from its start and writes it once, as it closes' },
  ],
  watch: [
    ERRORS,
    { to: 'runner', why: 'the module graph the loader records, the durations file, real timers' },
  ],
  coverage: [
    PLATFORM,
    ERRORS,
    { to: 'runner/loader/transform', why: 'the code V8 ran for a TypeScript file is the loader’s cached output, source map included' },
    { to: 'runner/loader/moduleFormat', why: 'which format the loader compiled a file to' },
  ],
  sidecar: [
    PLATFORM,
    ERRORS,
    { to: 'unittest' },
    { to: 'janitor' },
    { to: 'internet' },
    { to: 'runner/events', typeOnly: true, why: 'the sidecar:state event' },
  ],
  reporters: [
    PLATFORM,
    ERRORS,
    { to: 'runner/events', why: 'the event types, and PROTOCOL_VERSION for the json reporter' },
    { to: 'runner/summary', why: 'the shared counting helpers (passedCount, failedCount) over run:end’s summary; pure' },
  ],
};

/**
 * Files of src/ that import nothing from Node (R3): no `node:` or other package import
 * but {@link RUNTIME_DOOR}, no `process` or `Buffer`, and only pure files through value
 * imports.
 */
export const PURE_PATTERNS: readonly RegExp[] = [
  /^internet\/(clock|stringTransport|memoryReactor|memoryConnector|iosim|accumulatingProtocol|promiseState|errors|messages)\.ts$/,
  /^runner\/(events|outcome|summary|messages)\.ts$/,
  /(^|\/)messages\.ts$/,
  /^errors\/.+\.ts$/,
];

/** The pure files named one by one in PURE_PATTERNS (each must exist). */
export const NAMED_PURE_FILES: readonly string[] = [
  ...['clock', 'stringTransport', 'memoryReactor', 'memoryConnector', 'iosim', 'accumulatingProtocol', 'promiseState', 'errors', 'messages'].map((name) => `internet/${name}.ts`),
  ...['events', 'outcome', 'summary', 'messages'].map((name) => `runner/${name}.ts`),
];

/**
 * The runtime's files that touch Node (the real reactor's); every other file of
 * packages/runtime/src is pure, as its door {@link RUNTIME_DOOR} must be.
 */
export const RUNTIME_NODE_FILES: readonly string[] = ['index.ts', ...['index', 'reactor', 'realDelayedCall', 'socketTransport', 'tcpPort', 'tcpConnector'].map((name) => `internet/${name}.ts`)];

/** One import found in a source file. */
export interface FoundImport {
  specifier: string;
  /** Erased at compile time: `import type`, `export type`, all-type specifiers, or `typeof import('x')`. */
  typeOnly: boolean;
  line: number;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (clause === undefined) return false; // `import 'x'` runs x
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** What {@link readSource} finds in a file. */
export interface SourceFacts {
  imports: FoundImport[];
  /** Uses of the globals `process` and `Buffer` (names of properties and declarations excluded). */
  nodeGlobals: Array<{ name: string; line: number }>;
}

const parsed = new Map<string, SourceFacts>();

/** Parse a file (once per run): its imports, and the free identifiers `process` and `Buffer` it uses. */
export function readSource(file: string): SourceFacts {
  let facts = parsed.get(file);
  if (facts === undefined) {
    facts = parseSource(file);
    parsed.set(file, facts);
  }
  return facts;
}

function parseSource(file: string): SourceFacts {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports: FoundImport[] = [];
  const nodeGlobals: Array<{ name: string; line: number }> = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node), line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyExport(node), line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      imports.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      imports.push({ specifier: node.argument.literal.text, typeOnly: true, line: lineOf(node) });
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isDynamicImport) imports.push({ specifier: node.arguments[0].text, typeOnly: false, line: lineOf(node) });
    } else if (ts.isIdentifier(node) && (node.text === 'process' || node.text === 'Buffer')) {
      // `x.process`, `{ process: 1 }`, a method or variable named `process`: names, not the global.
      const isName = (node.parent as { name?: ts.Node }).name === node;
      if (!isName) nodeGlobals.push({ name: node.text, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, nodeGlobals };
}

/** Every .ts/.mts/.cts file under a source folder (src/ unless told), as paths relative to it with `/` separators, sorted. */
export function sourceFiles(root: string = SRC): string[] {
  return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => /\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
}

/** The area of a path relative to src/. */
export function areaOf(relative: string): Area {
  return (relative.includes('/') ? relative.slice(0, relative.indexOf('/')) : '') as Area;
}

/**
 * The module a relative specifier points at, relative to the source folder (src/ unless
 * told) without extension (`runner/events`, `internet/index`), or null when it leaves it.
 */
export function resolveRelative(fromFile: string, specifier: string, root: string = SRC): string | null {
  const absolute = path.resolve(root, path.dirname(fromFile), specifier);
  let relative = path.relative(root, absolute).split(path.sep).join('/');
  if (relative.startsWith('..')) return null;
  relative = relative.replace(/\.(m|c)?(j|t)s$/, '');
  if (fs.existsSync(path.join(root, relative)) && fs.statSync(path.join(root, relative)).isDirectory()) relative += '/index';
  return relative;
}
