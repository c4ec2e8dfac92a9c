/**
 * The option tables of docs/cli.md, written from the option table (optionTable.ts):
 * one Markdown table per section of the command line, and one of the config keys. The
 * docs hold them between `<!-- options:NAME -->` and `<!-- /options -->` lines;
 * test/cli/test_optionDocs.ts fails when they differ, and scripts/writeCliDocs.ts
 * rewrites them.
 *
 * @packageDocumentation
 */
import { BugError } from '../errors/runnerError';
import { optionRows, type OptionName, type OptionSection, type OptionSpec } from './optionTable';

/** `-j, --jobs <n>` as the docs write it: `-j, --jobs N\|auto`. */
function docFlags(spec: OptionSpec): string {
  const flags = spec.flags ?? '';
  const placeholder = spec.value?.placeholder;
  return flags.replace(/<([^>]+)>/, (_, arg: string) => placeholder ?? arg.toUpperCase());
}

/** The default as a table cell: empty for an empty list, and for a switch unless `switches`. */
function docDefault(spec: OptionSpec, switches = false): string {
  if (spec.shownDefault !== undefined) return `\`${spec.shownDefault}\``;
  const value = spec.default;
  if (Array.isArray(value)) return value.length === 0 ? '' : `\`[${value.map((item) => `'${String(item)}'`).join(', ')}]\``;
  // A switch's default is its absence; an empty object (no sidecars) says nothing either.
  if (typeof value === 'number' || typeof value === 'string' || (switches && typeof value === 'boolean')) return `\`${value}\``;
  return '';
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function row(name: OptionName, spec: OptionSpec): string[] {
  return [`\`${docFlags(spec)}\``, spec.config === undefined ? '' : `\`${name}\``, docDefault(spec), spec.doc ?? spec.help];
}

/**
 * The Markdown table of one section's flags.
 *
 * @param section - a section of the command line (not `config`).
 * @returns the table, without a final newline.
 * @example
 * ```ts
 * optionsMarkdown('selecting'); // '| Option | Config key | Default | Meaning |\n| --- | ...'
 * ```
 */
export function optionsMarkdown(section: Exclude<OptionSection, 'config'>): string {
  const rows = optionRows().filter(([, spec]) => spec.section === section && spec.flags !== undefined);
  return table(['Option', 'Config key', 'Default', 'Meaning'], rows.map(([name, spec]) => row(name, spec)));
}

/**
 * The Markdown table of the config keys: every row with a config key.
 *
 * @returns the table, without a final newline.
 */
export function configMarkdown(): string {
  const rows = optionRows().filter(([, spec]) => spec.config !== undefined);
  return table(
    ['Key', 'Type', 'Default', 'Meaning'],
    rows.map(([name, spec]) => [`\`${name}\``, spec.config!.expected, docDefault(spec, true), spec.flags === undefined ? spec.doc ?? spec.help : `Like \`${docFlags(spec).split(', ').pop()}\`.`]),
  );
}

/** The generated blocks of docs/cli.md, by the name in their opening comment. */
export function generatedBlocks(): Record<string, string> {
  return {
    selecting: optionsMarkdown('selecting'),
    running: optionsMarkdown('running'),
    output: optionsMarkdown('output'),
    coverage: optionsMarkdown('coverage'),
    config: configMarkdown(),
  };
}

/**
 * Put freshly generated blocks into a docs page.
 *
 * @param page - the Markdown with `<!-- options:NAME -->` … `<!-- /options -->` blocks.
 * @returns the page with every block's body replaced.
 * @throws {@link BugError} when a block names no generated table (a typo in the docs).
 */
export function withGeneratedBlocks(page: string): string {
  const blocks = generatedBlocks();
  return page.replace(/(<!-- options:(\w+) -->\n)[\s\S]*?(<!-- \/options -->)/g, (_, open: string, name: string, close: string) => {
    const body = blocks[name];
    if (body === undefined) throw new BugError(`docs/cli.md has a block options:${name}, but the option table has no such section.`);
    return `${open}${body}\n${close}`;
  });
}
