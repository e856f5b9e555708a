import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchCsv } from '../../web/dashboard/src/lib/csv-download.js';

afterEach(() => vi.unstubAllGlobals());

function streamed(chunks: string[], headers: Record<string, string> = {}) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/csv', ...headers } });
}

describe('CSV export download', () => {
  it('reports rows as chunks arrive and keeps the server’s file name', async () => {
    vi.stubGlobal('fetch', async () => streamed(['id,amount\npay_1,10', '0\npay_2,2', '00\npay_3,300\n'], { 'content-disposition': 'attachment; filename="transactions-test-2025-01-31.csv"' }));
    const seen: number[] = [];
    const { blob, fileName } = await fetchCsv('/api/v1/transactions/export.csv', (p) => seen.push(p.rows));
    expect(fileName).toBe('transactions-test-2025-01-31.csv');
    expect(await blob.text()).toBe('id,amount\npay_1,100\npay_2,200\npay_3,300\n');
    expect(seen).toEqual([0, 1, 3]);
  });

  it('turns an error answer into the server’s message', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'validation_failed', message: 'from must be before to.', requestId: 'r' } }), { status: 400 }));
    await expect(fetchCsv('/x', () => undefined)).rejects.toMatchObject({ code: 'validation_failed', message: 'from must be before to.' });
  });

  it('says so when the connection drops midway', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('id\n'));
        controller.error(new Error('socket hang up'));
      },
    });
    vi.stubGlobal('fetch', async () => new Response(body));
    await expect(fetchCsv('/x', () => undefined)).rejects.toMatchObject({ message: 'The export was interrupted. Check your connection and try again.' });
  });
});
