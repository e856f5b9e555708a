import Stripe from 'stripe';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import type { TestApp } from '../helpers/harness.js';

export interface SandboxKeys {
  accountId: string;
  test: { secretKey: string; publishableKey: string };
  live: { secretKey: string; publishableKey: string };
}

/** A fresh account at the Stripe stand-in, as a merchant would copy its keys from a dashboard. */
export async function mintKeys(sandbox: RunningSandbox): Promise<SandboxKeys> {
  const res = await fetch(`${sandbox.urls.stripe}/__sandbox/stripe/accounts`, { method: 'POST' });
  return (await res.json()) as SandboxKeys;
}

/** An SDK client of our own, to look at what the stand-in holds for a key. */
export function sdkFor(sandbox: RunningSandbox, secretKey: string) {
  const url = new URL(sandbox.urls.stripe);
  return new Stripe(secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
}

export async function webhookEndpointsAt(sandbox: RunningSandbox, secretKey: string) {
  return (await sdkFor(sandbox, secretKey).webhookEndpoints.list({ limit: 100 })).data;
}

/** The stored rows as the database holds them (system scope, no decryption). */
export async function rawConnectionRows(t: TestApp, accountId: string) {
  const { rows } = await t.ctx.database.query<Record<string, unknown>>('select * from provider_connections where account_id = $1', [accountId]);
  return rows;
}
