/**
 * Writing a file whole or not at all: the text goes to a temporary file beside it, which
 * is then renamed over it. A reader sees the old file or the new one, never half of one,
 * and a process killed mid-write leaves the old file as it was.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';

/**
 * Replace `file` with `text` in one rename. The temporary name is unique to this call and
 * created exclusively, so it is never written through a link someone planted there; it
 * is removed when the write or the rename fails.
 *
 * @param file - the file to write (its folder must exist).
 * @param text - its new content.
 * @throws the file system's error; `file` is then unchanged.
 * @example
 * ```ts
 * replaceFile('.trial-ts/durations.jsonl', serialized);
 * ```
 */
export function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temporary, text, { flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
