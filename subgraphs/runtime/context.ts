import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InternalClient } from '../../platform/internal-client.ts';
import type { Principal, RequestOrigin } from '../../platform/principal.ts';
import type { EntityManager, RequestTransaction } from './orm.ts';
import type { ContentSealer } from '../../platform/crypto/sealed-content.ts';
import type { SubjectKeyStore } from '../../platform/crypto/subject-keys.ts';

/** The subjects' keys and what seals content under them (SHRED fields, audit content). */
export interface SubjectKeysOfProcess {
  subjectKeys: SubjectKeyStore;
  sealer: ContentSealer;
}

/** What every subgraph resolver receives. */
export interface SubgraphContext<TLoaders = unknown> extends SubjectKeysOfProcess {
  principal: Principal;
  origin: RequestOrigin;
  tx: RequestTransaction;
  em: EntityManager;
  loaders: TLoaders;
  logger: Logger;
  /** Set by a sign-in mutation: the user this request just authenticated, allowed to read its own result. */
  signedInUserId: string | null;
  /** Calls another subgraph's internal operations as this subgraph (null when it has no service key). */
  internal: InternalClient | null;
  /**
   * Users this request answered with as members of the principal's organizations: vouched for
   * to identity with the response (platform/member-attestation.ts). Only tenancy adds to it.
   */
  vouchedMembers: Set<string>;
  /** The attestations the gateway passed with the request for this subgraph. */
  receivedAttestations: string[];
  /** The users tenancy vouched for earlier in the client's request, verified on first use. */
  attestedMembers: () => ReadonlySet<string>;
}

/** What an extra internal route receives: the verified caller, and the subgraph's ORM. */
export interface InternalRouteContext extends SubjectKeysOfProcess {
  principal: Principal;
  origin: RequestOrigin;
  orm: MikroORM;
  logger: Logger;
}

/** Serves one extra path; throw an HttpError to answer with a coded error (before writing). */
export type InternalRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: InternalRouteContext,
) => Promise<void>;
