import fs from 'node:fs';
import path from 'node:path';

/** JSON with Maps and Sets kept (`{"$map": [[k, v], …]}`, `{"$set": […]}`): the stand-ins' stores are made of them. */
export function encodeState(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? { $map: [...v.entries()] } : v instanceof Set ? { $set: [...v] } : v));
}

export function decodeState(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if ('$map' in v && Array.isArray((v as { $map: unknown }).$map)) return new Map((v as { $map: [unknown, unknown][] }).$map);
      if ('$set' in v && Array.isArray((v as { $set: unknown }).$set)) return new Set((v as { $set: unknown[] }).$set);
    }
    return v;
  });
}

/**
 * Copies saved fields into a live store: its Maps and Sets (readonly fields) are refilled in
 * place, other values assigned. Fields the save does not have are left as they are.
 */
export function restoreInto(target: object, saved: Record<string, unknown>): void {
  const live = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(saved)) {
    const current = live[key];
    if (current instanceof Map && value instanceof Map) {
      current.clear();
      for (const [k, v] of value) current.set(k, v);
    } else if (current instanceof Set && value instanceof Set) {
      current.clear();
      for (const v of value) current.add(v);
    } else if (typeof current !== 'function') {
      live[key] = value;
    }
  }
}

/** Reads a state file; undefined when there is none yet. A file that cannot be read is an error, not a fresh start. */
export function readStateFile(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return decodeState(text) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`the sandbox state in ${file} could not be read (${(err as Error).message}); move it aside to start the sandbox afresh`);
  }
}

/** Writes a state file whole or not at all (a temporary file renamed over it), readable by its owner only. */
export function writeStateFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, text, { mode: 0o600 });
  fs.renameSync(partial, file);
}
