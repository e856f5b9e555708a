import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PostgreSQL's own client tools (pg_dump, pg_restore), found in PG_BIN_DIR or on PATH. They read
 * the connection from libpq's variables: the password never appears on a command line.
 */
export class PgToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PgToolError';
  }
}

export type PgTool = 'pg_dump' | 'pg_restore';

export function toolPath(tool: PgTool, binDir?: string): string {
  return binDir ? path.join(binDir, tool) : tool;
}

/** The tool's version, e.g. `{ text: '15.20', major: 15 }`. */
export async function toolVersion(tool: PgTool, binDir?: string): Promise<{ text: string; major: number }> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(toolPath(tool, binDir), ['--version']));
  } catch {
    throw new PgToolError(
      `${tool} was not found${binDir ? ` in PG_BIN_DIR (${binDir})` : ' on PATH'}. Install the PostgreSQL client matching your server ` +
        '(Debian/Ubuntu: postgresql-client-<major>), or set PG_BIN_DIR to the folder that holds it.',
    );
  }
  const match = /(\d+)(?:\.(\d+))?/.exec(stdout.replace(/^[^)]*\)/, ''));
  if (!match) throw new PgToolError(`could not read ${tool}'s version from "${stdout.trim()}"`);
  return { text: match[0], major: Number(match[1]) };
}

/** pg_dump can read servers up to its own major version: refuse an older client in words, before it fails. */
export function checkDumpVersion(tool: { text: string; major: number }, serverMajor: number, binDir?: string) {
  if (tool.major < serverMajor) {
    throw new PgToolError(
      `pg_dump ${tool.text} cannot back up a PostgreSQL ${serverMajor} server: the client must be version ${serverMajor} or newer. ` +
        `Install postgresql-client-${serverMajor}${binDir ? '' : ', or set PG_BIN_DIR to its bin folder (e.g. /usr/lib/postgresql/' + serverMajor + '/bin)'}.`,
    );
  }
}

/** libpq's environment for a DATABASE_URL: the URL without its password, and the password apart. */
export function libpqEnvironment(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Starts a tool; `done` resolves when it exits 0 and rejects with its last error lines otherwise. */
export function runTool(tool: PgTool, binDir: string | undefined, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(toolPath(tool, binDir), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err) => reject(new PgToolError(`${tool} could not start: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new PgToolError(`${tool} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`));
    });
  });
  return { child, done };
}
