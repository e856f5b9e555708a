/**
 * Memory and speed of the streamed CSV export (GET /api/v1/transactions/export.csv) at growing
 * sizes: if the export streamed page by page, the heap it needs does not grow with the row count.
 * Run: npx tsx --expose-gc bench/csv-export.ts [--rows 20000,100000] [--driver pglite|pg]
 * (`pg` uses DATABASE_URL.) Server and client share this process; the client counts lines and
 * drops the bytes.
 */
import os from 'node:os';
import { drivers, type Driver } from '../test/helpers/databases.js';
import { startPaymentsWorld } from '../test/payments/payments-world.js';
import { seedManyTransactions } from '../test/payments/seed-transactions.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const sizes = arg('rows', '20000,100000').split(',').map(Number);
const driver = arg('driver', 'pglite') as Driver;
if (!drivers.includes(driver)) throw new Error(`driver ${driver} needs DATABASE_URL`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const results = [];
for (const rows of sizes) {
  const p = await startPaymentsWorld(driver);
  try {
    const seedStarted = performance.now();
    await seedManyTransactions(p, rows);
    console.error(`seeded ${rows} rows in ${Math.round(performance.now() - seedStarted)} ms`);
    gc();
    const baseline = process.memoryUsage();
    let peakHeap = baseline.heapUsed;
    let peakLive = baseline.heapUsed;
    let peakRss = baseline.rss;
    let samples = 0;
    // Every 10 ms the heap as it is (garbage included); every 20th sample after a full GC: what is really held.
    const sampler = setInterval(() => {
      if (++samples % 20 === 0) {
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }, 10);
    const started = performance.now();
    const res = await fetch(`${p.world.baseUrl}/api/v1/transactions/export.csv`, { headers: { cookie: p.merchant.client.cookieHeader() } });
    let bytes = 0;
    let lines = 0;
    const reader = res.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.length;
      for (const byte of read.value) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (lines !== rows + 1) throw new Error(`exported ${lines - 1} rows, expected ${rows}`);
    results.push({
      rows,
      csvMB: mb(bytes),
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSec: Math.round(rows / seconds),
      heapBaselineMB: mb(baseline.heapUsed),
      heapPeakOverBaselineMB: mb(peakHeap - baseline.heapUsed),
      liveHeapPeakOverBaselineMB: mb(peakLive - baseline.heapUsed),
      rssPeakOverBaselineMB: mb(peakRss - baseline.rss),
    });
  } finally {
    await p.close();
  }
}
console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, driver, gcExposed: Boolean((globalThis as { gc?: unknown }).gc), results }, null, 2));
