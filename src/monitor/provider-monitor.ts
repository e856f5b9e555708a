import type { AppContext } from '../platform/http/types.js';
import { pruneStatusHistory, runProviderChecks, type CheckOptions } from './run-checks.js';

export interface ProviderMonitor {
  /** Runs one round now (tests; the loop runs them on its own). */
  runOnce(): Promise<{ connections: number; reachability: number }>;
  /** Stops the loop and waits for a round in progress. */
  stop(): Promise<void>;
}

const pruneEveryMs = 60 * 60 * 1000;

/**
 * Checks providers every `intervalMs` in this process (`serve`; later `worker`): each round claims
 * what is due in the database, so several instances share the work instead of repeating it.
 * Rounds never overlap; a failed round is logged and the next one runs on time.
 */
export function startProviderMonitor(
  ctx: AppContext,
  options: { intervalMs: number; timeoutMs?: number; log?: CheckOptions['log'] & { error(obj: object, msg: string): void } },
): ProviderMonitor {
  const checkOptions: CheckOptions = { intervalMs: options.intervalMs, timeoutMs: options.timeoutMs ?? Math.min(5000, options.intervalMs), log: options.log };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let lastPruned = 0;

  const round = async () => {
    const result = await runProviderChecks(ctx, checkOptions);
    if (Date.now() - lastPruned > pruneEveryMs) {
      lastPruned = Date.now();
      await pruneStatusHistory(ctx);
    }
    return result;
  };
  const loop = () => {
    current = round()
      .catch((err: unknown) => options.log?.error({ err }, 'provider monitoring round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs).unref();
      });
  };
  loop();

  return {
    runOnce: () => {
      const next = current.then(round, round);
      current = next.catch(() => {});
      return next;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
