import { useEffect, useState } from 'react';
import { execute } from './client.ts';
import type { ConsoleDataExportQuery } from './generated/graphql.ts';
import { explain } from './errors.ts';
import { DataExport } from './operations.ts';
import { ErrorMessage } from './ui.tsx';

type Export = NonNullable<ConsoleDataExportQuery['dataExport']>;
const POLL_MS = 1000;
/** After a failed poll, the next waits longer, up to this: a blip must not end the follow-up. */
const MAX_RETRY_MS = 10_000;

/** Follows an export job to its end: progress while it runs, then the download link. */
export function ExportProgress({ id }: { id: string }) {
  const [job, setJob] = useState<Export | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const data = await execute(DataExport, { id });
        if (stopped) return;
        failures = 0;
        setError(null);
        setJob(data.dataExport);
        if (data.dataExport && (data.dataExport.status === 'PENDING' || data.dataExport.status === 'RUNNING'))
          timer = setTimeout(poll, POLL_MS);
      } catch (thrown) {
        if (stopped) return;
        // Said, and asked again: the export goes on whether or not one answer got through.
        setError(explain(thrown));
        failures += 1;
        timer = setTimeout(poll, Math.min(MAX_RETRY_MS, POLL_MS * 2 ** failures));
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);

  if (!job) {
    return error ? <ErrorMessage>{error}</ErrorMessage> : <p aria-busy="true">Export requested…</p>;
  }
  const percent = Math.round(job.progress * 100);
  return (
    <div>
      <p role="status">Export {job.status.toLowerCase()}</p>
      <progress aria-label="Export progress" max={100} value={percent}>
        {percent}%
      </progress>
      {job.status === 'COMPLETED' && job.downloadUrl && (
        <p>
          <a href={job.downloadUrl} download>
            Download the export
          </a>{' '}
          ({job.sizeBytes ?? '?'} bytes, SHA-256 <code>{job.sha256}</code>)
        </p>
      )}
      {job.status === 'FAILED' && (
        <ErrorMessage>The export failed. Request it again; operators are told.</ErrorMessage>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
