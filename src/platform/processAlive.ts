/**
 * Whether a process still exists, for the owners recorded in lock and run files.
 *
 * @packageDocumentation
 */

/**
 * Whether process `pid` exists: signal 0 checks without sending anything. A process of
 * another user answers EPERM, and is alive.
 *
 * @param pid - the process id.
 * @returns false only when no such process exists.
 * @example
 * ```ts
 * if (!processAlive(Number(fs.readFileSync(lock, 'utf8')))) fs.rmSync(lock);
 * ```
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
