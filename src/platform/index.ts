/**
 * Platform helpers every area may use; it imports nothing from the other areas.
 *
 * Files:
 * - `safeDirectory.ts`: creating shared folders (caches, run directories, locks) without
 *   following symlinks, checking who owns them, and a private per-user fallback;
 * - `messages.ts`: their texts;
 * - `processAlive.ts`: whether a recorded owner process still exists;
 * - `replaceFile.ts`: writing a file whole or not at all.
 *
 * @packageDocumentation
 */
export { checkDirectory, checkFile, ensureSafeDirectory, noteOnce, privateCacheDirectory, safeDirectoryOr, type SafeDirectoryOptions } from './safeDirectory';
export { processAlive } from './processAlive';
export { replaceFile } from './replaceFile';
