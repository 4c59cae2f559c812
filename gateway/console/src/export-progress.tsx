import { useEffect, useState } from 'react';
import { execute } from './client.ts';
import type { ConsoleDataExportQuery } from './generated/graphql.ts';
import { explain } from './errors.ts';
import { DataExport } from './operations.ts';
import { ErrorMessage } from './ui.tsx';

type Export = NonNullable<ConsoleDataExportQuery['dataExport']>;
const POLL_MS = 1000;

/** Follows an export job to its end: progress while it runs, then the download link. */
export function ExportProgress({ id }: { id: string }) {
  const [job, setJob] = useState<Export | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await execute(DataExport, { id });
        if (stopped) return;
        setJob(data.dataExport);
        if (data.dataExport && (data.dataExport.status === 'PENDING' || data.dataExport.status === 'RUNNING'))
          timer = setTimeout(poll, POLL_MS);
      } catch (thrown) {
        if (!stopped) setError(explain(thrown));
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);

  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (!job) return <p aria-busy="true">Export requested…</p>;
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
    </div>
  );
}
