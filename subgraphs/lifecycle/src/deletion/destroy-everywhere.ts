import { SUBJECT_DESTROY_PATH, type DestroyResponse } from '../../../../contracts/subject-data-destroy.ts';
import { SUBJECT_VERIFY_PATH, type VerifyResponse } from '../../../../contracts/subject-data-verify.ts';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import type { RequestOrigin } from '../../../../platform/principal.ts';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';
import type { CertificateContent } from './certificate.ts';

/**
 * Every subgraph holds subject data (types or unexposed tables), so each is asked. Identity first:
 * the subject's sessions and keys stop working before anything else goes; lifecycle last.
 */
export const DELETION_ORDER = ['identity', 'tenancy', 'audit', 'lifecycle'] as const;

export interface DestroyEverywhere {
  /** The destroy request's id in every subgraph: a rerun goes on where each stopped. */
  deletionId: string;
  subject: Subject;
  pseudonymKey: string;
  organizationIds: string[];
  /** Called after each subgraph is done (progress). */
  onSubgraphDone?: (index: number) => Promise<unknown>;
}

/**
 * Each subgraph destroys the subject's data through its subject-data routes, batch by batch, then
 * each counts what is left: the deletion job's work, and the erasure ledger's re-application on a
 * restored database (the same routes, the same plans).
 */
export async function destroyEverywhere(
  internal: InternalClient,
  origin: RequestOrigin,
  run: DestroyEverywhere,
): Promise<{ destroyed: CertificateContent['subgraphs']; remaining: number }> {
  const { deletionId, subject, pseudonymKey, organizationIds } = run;
  const destroyed: CertificateContent['subgraphs'] = [];
  for (const [index, subgraph] of DELETION_ORDER.entries()) {
    let response: DestroyResponse;
    do {
      response = await internal.route<DestroyResponse>(subgraph, SUBJECT_DESTROY_PATH, origin, {
        requestId: deletionId,
        subject,
        pseudonymKey,
        organizationIds,
      });
    } while (!response.done);
    if (response.types.length) destroyed.push({ name: subgraph, types: response.types });
    await run.onSubgraphDone?.(index);
  }
  let remaining = 0;
  for (const subgraph of DELETION_ORDER) {
    const verified = await internal.route<VerifyResponse>(subgraph, SUBJECT_VERIFY_PATH, origin, {
      subject,
      organizationIds,
    });
    remaining += verified.types.reduce((sum, type) => sum + type.remaining, 0);
  }
  return { destroyed, remaining };
}
