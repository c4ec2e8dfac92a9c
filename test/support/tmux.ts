/**
 * A real terminal for end-to-end tests of what only a terminal shows (watch mode's keys,
 * the cleared screen): a tmux server of our own on a private socket, one window running
 * the command, keys sent to it and the screen read back. Nothing touches the user's tmux.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliEnv } from './runCli';

/** Whether tmux is installed (tests that need it skip, with the reason, otherwise). */
export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One tmux server with one pane running a command. */
export class TmuxTerminal {
  readonly #socket: string;
  readonly #socketFolder: string;
  readonly #statusFile: string;

  /**
   * Start `command` in a new 200×50 terminal.
   *
   * @param cwd - the command's working directory.
   * @param command - the program and its arguments (run by the pane's shell, which records its exit status).
   * @param env - extra environment variables.
   */
  constructor(cwd: string, command: string[], env: Record<string, string | undefined> = {}) {
    // A socket path must be short (about 100 bytes): a private folder in the system's temp.
    this.#socketFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-tmux-'));
    this.#socket = path.join(this.#socketFolder, 'sock');
    const environment = cliEnv({ TERM: 'xterm-256color', ...env });
    const quoted = command.map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    // The program's exit status goes to a file: tmux does not always record a pane's.
    this.#statusFile = path.join(this.#socketFolder, 'status');
    this.#tmux(['-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-c', cwd, `${quoted}; echo $? > '${this.#statusFile}'`], environment);
    this.#tmux(['set-option', '-g', 'remain-on-exit', 'on']);
  }

  #tmux(args: string[], env: NodeJS.ProcessEnv = cliEnv()): string {
    return execFileSync('tmux', ['-S', this.#socket, ...args], { encoding: 'utf8', env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** The pid of the pane's shell, the program's parent. */
  get pid(): number {
    return Number(this.#tmux(['display-message', '-p', '#{pane_pid}']).trim());
  }

  /** The program has exited; its exit status, or undefined while it runs. */
  exitStatus(): number | undefined {
    if (this.#tmux(['display-message', '-p', '#{pane_dead}']).trim() !== '1') return undefined;
    const status = fs.existsSync(this.#statusFile) ? fs.readFileSync(this.#statusFile, 'utf8').trim() : '';
    return status === '' ? undefined : Number(status);
  }

  /** What the screen shows now, with the scrollback (lines joined where they wrapped). */
  screen(): string {
    return this.#tmux(['capture-pane', '-p', '-J', '-S', '-2000']);
  }

  /**
   * Type keys, as tmux names them (`a`, `Enter`, `C-c`) or literal text.
   *
   * @param keys - one key per argument.
   */
  send(...keys: string[]): void {
    this.#tmux(['send-keys', ...keys]);
  }

  /** Stop the server, and with it the pane's program if it still runs. */
  close(): void {
    try {
      this.#tmux(['kill-server']);
    } catch {
      // already gone
    }
    fs.rmSync(this.#socketFolder, { recursive: true, force: true });
  }
}
