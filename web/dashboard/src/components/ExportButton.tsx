import { useRef, useState } from 'react';
import { apiUrl, type QueryValue } from '../api/client.js';
import { fetchCsv, saveBlob, type CsvProgress } from '../lib/csv-download.js';
import { InlineError } from './states.js';

/**
 * Downloads a CSV export (`path` with `query`: the list's filters), showing the rows received (against
 * the expected count when the list knows it); can be cancelled.
 */
export function ExportButton({ path, query, expectedRows, noun }: { path: string; query: Record<string, QueryValue>; expectedRows?: number; noun: string }) {
  const [progress, setProgress] = useState<CsvProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setDone(null);
    setProgress({ rows: 0, bytes: 0 });
    try {
      const { blob, fileName } = await fetchCsv(apiUrl(path, query), setProgress, controller.signal);
      saveBlob(blob, fileName);
      setDone(`${fileName} is downloaded.`);
    } catch (err) {
      if (!controller.signal.aborted) setError(err);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <div className="export">
      {progress ? (
        <div className="export-progress" role="status" aria-live="polite">
          {expectedRows === undefined ? (
            <progress aria-label="Export progress" />
          ) : (
            <progress max={Math.max(expectedRows, progress.rows, 1)} value={progress.rows} aria-label="Export progress" />
          )}
          <span className="small">
            Exporting {progress.rows.toLocaleString()}
            {expectedRows === undefined ? '' : ` of ${expectedRows.toLocaleString()}`} {noun}…
          </span>
          <button type="button" className="button button-small" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={start} disabled={expectedRows === 0}>
          Export CSV
        </button>
      )}
      {done && (
        <span className="small muted" role="status">
          {done}
        </span>
      )}
      <InlineError error={error} />
    </div>
  );
}
