import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { SandboxClock } from './clock.js';
import type { ProviderFaults } from './faults.js';

export const sandboxProviders = ['stripe', 'hubspot', 'paypal'] as const;
export type SandboxProvider = (typeof sandboxProviders)[number];

/** Base URLs of the running stand-ins, e.g. `{"stripe":"http://127.0.0.1:41234", …}`. */
export type SandboxUrls = Record<SandboxProvider, string>;

/** What every stand-in receives from the runner. */
export interface SandboxContext {
  clock: SandboxClock;
  /** This stand-in's own fault switches (read them, e.g. `webhooksPaused`). */
  faults: ProviderFaults;
  /** Base URLs of all stand-ins; filled once they all listen (read it lazily, at request time). */
  urls: SandboxUrls;
  log: FastifyBaseLogger;
}

/**
 * A stand-in is a Fastify plugin registered on its own Fastify instance and port.
 * It may return a `close` to stop its timers (webhook retries, renewals) and a `reset`
 * that forgets all data (used by the control API).
 */
export type StandIn = (app: FastifyInstance, ctx: SandboxContext) => Promise<StandInHandle | void>;
export interface StandInHandle {
  close?(): Promise<void> | void;
  reset?(): void;
  /** The stand-in's data, to save (start-sandbox.ts `stateFile`): plain objects, Maps and Sets. */
  snapshot?(): Record<string, unknown>;
  /** Takes back what `snapshot` saved (at start, before it serves). */
  restore?(saved: Record<string, unknown>): void;
}
