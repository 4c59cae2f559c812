import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import { parseSubjectQuery } from '../../../../contracts/subject.ts';
import type { ChainHead } from '../../../../contracts/audit-chain-head.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { InternalRoute } from '../../../runtime/context.ts';

/** Serves auditChainHeadRoute (contracts/audit-chain-head.ts). */
export const chainHeadRoute: InternalRoute = async (req, res, { principal, orm }) => {
  if (principal.kind !== 'system' || principal.service !== 'lifecycle') {
    throw new HttpError(403, ErrorCode.FORBIDDEN, 'Lifecycle service only');
  }
  const subject = parseSubjectQuery(new URL(req.url ?? '/', 'http://internal').searchParams);
  if (!subject?.organizationId) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Give an organizationId');
  const organizationId = subject.organizationId;
  const [head] = await runInScope(orm, { tenantIds: [organizationId], userId: null }, ({ em }) =>
    em.execute<{ sequence: string; hash: string }[]>(
      'select sequence::text as sequence, hash from audit.chain_heads where organization_id = ?',
      [organizationId],
    ),
  );
  const body: ChainHead = {
    organizationId,
    sequence: head ? Number(head.sequence) : null,
    hash: head?.hash ?? null,
  };
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};
