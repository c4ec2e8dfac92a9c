// PROVISIONAL
import type { Io } from './main';
export async function mergeCommand(_argv: string[], io: Io): Promise<number> { io.stderr.write('merge: not yet\n'); return 2; }
