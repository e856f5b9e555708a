import { ApiError, networkError, signalExpiry, toApiError } from '../api/client.js';

export interface CsvProgress {
  /** Data rows received so far (lines after the header). */
  rows: number;
  bytes: number;
}

/**
 * Fetches a streamed CSV export, reporting rows as they arrive, and returns it as a Blob with the
 * file name the server suggested. Aborting the signal stops the download.
 */
export async function fetchCsv(url: string, onProgress: (progress: CsvProgress) => void, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'text/csv' }, credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError();
  }
  if (!response.ok) {
    const error = await toApiError(response);
    signalExpiry(new URL(url, 'http://x').pathname, error);
    throw error;
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'transactions.csv';
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let newlines = 0;
  let bytes = 0;
  const reader = response.body?.getReader();
  if (!reader) throw new ApiError(0, 'network', 'The browser could not read the export.');
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
    try {
      result = await reader.read();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'network', 'The export was interrupted. Check your connection and try again.');
    }
    if (result.done) break;
    chunks.push(result.value);
    bytes += result.value.byteLength;
    for (const byte of result.value) if (byte === 10) newlines++;
    onProgress({ rows: Math.max(0, newlines - 1), bytes });
  }
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), fileName };
}

/** Hands a Blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
