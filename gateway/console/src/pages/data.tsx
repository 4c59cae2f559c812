import { useState } from 'react';
import { execute } from '../client.ts';
import { ExportProgress } from '../export-progress.tsx';
import { RequestDataExport } from '../operations.ts';
import { may } from '../permissions.ts';
import { ErrorMessage } from '../ui.tsx';
import { useAction } from '../use-operation.ts';
import { Deletions, HoldAndContract, Retention } from './lifecycle.tsx';
import type { SectionProps } from './organization.tsx';

/** The organization's data: export, deletions, legal hold, contract end, retention. */
export function DataPage(props: SectionProps) {
  return (
    <>
      <ExportSection {...props} />
      <Deletions {...props} />
      <HoldAndContract {...props} />
      <Retention {...props} />
    </>
  );
}

function ExportSection({ organizationId, role }: SectionProps) {
  const action = useAction();
  const [exportId, setExportId] = useState<string | null>(null);
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Export the organization’s data</h2>
      <p>One archive of everything Steward holds about the organization, as the data map describes it.</p>
      {may(role, 'data:export-organization') && (
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              const data = await execute(RequestDataExport, { subject: { organizationId } });
              setExportId(data.requestDataExport.id);
            })
          }
        >
          Request an export
        </button>
      )}
      <ErrorMessage>{action.error}</ErrorMessage>
      {exportId && <ExportProgress key={exportId} id={exportId} />}
    </section>
  );
}
