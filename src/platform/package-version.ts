import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** This package's version (package.json at the package root, the same depth from src/ and dist/). */
export function packageVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { version: string }).version;
  return version;
}
