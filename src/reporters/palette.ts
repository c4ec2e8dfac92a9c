/**
 * Colour functions for the human reporters: plain ones, and chalk-backed ones loaded
 * asynchronously (chalk 5 is ESM-only) so reporter factories can stay synchronous.
 *
 * @packageDocumentation
 */
import type { Palette, ReporterContext } from './interfaces';

const identity = (text: string): string => text;

/** A palette that leaves text unchanged. */
export const PLAIN_PALETTE: Palette = {
  green: identity,
  red: identity,
  blue: identity,
  yellow: identity,
  bold: identity,
  dim: identity,
};

/**
 * Build a palette with chalk at basic ANSI level (the CLI has already decided whether
 * to colour, so chalk's own detection is bypassed).
 *
 * @returns colour functions.
 */
export async function loadChalkPalette(): Promise<Palette> {
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    green: (text) => chalk.green(text),
    red: (text) => chalk.red(text),
    blue: (text) => chalk.blue(text),
    yellow: (text) => chalk.yellow(text),
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
  };
}

/**
 * The palette a reporter should use: the context's when colour is on, else plain.
 *
 * @param ctx - the reporter's context.
 */
export function paletteOf(ctx: ReporterContext): Palette {
  return ctx.color && ctx.palette !== undefined ? ctx.palette : PLAIN_PALETTE;
}
