import fs from 'node:fs';
import path from 'node:path';

/**
 * Backup files are named for when they were taken and what they hold:
 * `onepagepay-20261204T031500123Z-pg.backup` (UTC, to the millisecond; `pg` or `pglite`).
 */
const pattern = /^onepagepay-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-(pg|pglite)\.backup$/;

/** A time for a file name: `20261204T031500123Z` (UTC, to the millisecond). */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

export function backupFileName(driver: 'pg' | 'pglite', at: Date): string {
  return `onepagepay-${fileStamp(at)}-${driver}.backup`;
}

/** The names in a folder; none when it does not exist (yet) or is not a folder. */
function namesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (err) {
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return [];
    throw err;
  }
}

export interface BackupListing {
  file: string;
  createdAt: Date;
  driver: 'pg' | 'pglite';
  size: number;
}

/** The backups in `dir`, newest first (files that do not follow the naming are not ours: left alone). */
export function listBackups(dir: string): BackupListing[] {
  const found: BackupListing[] = [];
  for (const name of namesIn(dir)) {
    const m = pattern.exec(name);
    if (!m) continue;
    const [, y, mo, d, h, mi, s, ms, driver] = m;
    const file = path.join(dir, name);
    found.push({ file, createdAt: new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`), driver: driver as 'pg' | 'pglite', size: fs.statSync(file).size });
  }
  return found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/**
 * Retention: deletes backups older than `days`, but never the newest one (if backups have been
 * failing for longer than the retention, the last good one is all there is). Unfinished
 * `.partial` files a crash left behind are deleted after a day.
 */
export function pruneBackups(dir: string, days: number, now = new Date()): string[] {
  const cutoff = now.getTime() - days * 24 * 3600 * 1000;
  const deleted: string[] = [];
  for (const backup of listBackups(dir).slice(1)) {
    if (backup.createdAt.getTime() < cutoff) {
      fs.rmSync(backup.file, { force: true });
      deleted.push(backup.file);
    }
  }
  for (const name of namesIn(dir)) {
    const file = path.join(dir, name);
    if (name.startsWith('onepagepay-') && name.endsWith('.backup.partial') && fs.statSync(file).mtimeMs < now.getTime() - 24 * 3600 * 1000) {
      fs.rmSync(file, { force: true });
      deleted.push(file);
    }
  }
  return deleted;
}
