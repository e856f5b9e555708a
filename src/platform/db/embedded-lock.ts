import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database (PGlite) is a folder that one process at a time may open: a second one
 * aborts inside the WebAssembly runtime. A lock file holding the owner's pid turns that into words.
 */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another OnePagePay process (pid ${pid}); it can be open in one process at a time.\n` +
        `Stop that process first, or, to create an account while a sandbox server runs, use: onepagepay create-account --sandbox --email … --password …\n` +
        `To run several processes on one database, use PostgreSQL (DATABASE_URL).`,
    );
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

export const lockFileName = 'pglite.lock';

/** Locks held by this process (a second open in the same process would abort too). */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `DATA_DIR/pglite.lock` for this process and returns its release. A lock whose process is
 * gone (a crash, a kill) is taken over; one held by a live process throws EmbeddedDatabaseInUseError.
 */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const file = path.join(dataDir, lockFileName);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      held.add(file);
      return () => {
        if (held.delete(file)) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let pid: number;
    try {
      pid = Number(fs.readFileSync(file, 'utf8').trim());
    } catch {
      continue; // released meanwhile
    }
    // Our own pid without our own lock is a lock left by an earlier process that had this pid (a container's pid 1).
    const live = held.has(file) || (pid !== process.pid && isAlive(pid));
    if (live) throw new EmbeddedDatabaseInUseError(dataDir, pid);
    fs.rmSync(file, { force: true });
  }
  throw new Error(`Could not take the lock ${file}; remove it if no OnePagePay process is running.`);
}
