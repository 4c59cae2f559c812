import { isAuthenticated, isService, isUser } from '../../runtime/rules.ts';
import type { IRules } from '../../runtime/shield.ts';

// The data map describes the schema, not anyone's data: any signed-in user or API key may read it.
// Exports are a person's request: signed-in users only; the resolvers check who may see which
// (requester, the organization's admins) and answer NOT_FOUND otherwise.
export const lifecyclePermissions: IRules = {
  Query: {
    dataMap: isAuthenticated,
    dataExport: isUser,
    retentionPolicy: isUser,
    deletionRequest: isUser,
    deletionRequests: isUser,
    verifyDestructionCertificate: isAuthenticated,
  },
  Mutation: {
    requestDataExport: isUser,
    setRetentionPolicy: isUser,
    requestDeletion: isUser,
    cancelDeletion: isUser,
    setLegalHold: isUser,
    scheduleContractDeletion: isService('tenancy'),
  },
  DataMapType: { '*': isAuthenticated },
  DataMapField: { '*': isAuthenticated },
  DataExport: { '*': isUser },
  // Deletions are a person's request like exports; the resolvers answer NOT_FOUND to anyone but the
  // requester, the user deleted and the organization's admins. A certificate verifies for anyone.
  DeletionRequest: { '*': isUser },
  DestructionCertificate: { '*': isUser },
  CertificateVerification: { '*': isAuthenticated },
  LegalHold: { '*': isUser },
  // The hold is shown to the organization's admins only (the resolver answers null to others).
  Organization: { id: isAuthenticated, legalHold: isUser },
  // Retention: admins of the organization only; the resolvers answer FORBIDDEN to its other members
  // and NOT_FOUND to everyone else.
  RetentionRule: { '*': isUser },
};
