import { isAuthenticated, isOperator, isService, isUser } from '../../runtime/rules.ts';
import { allow, or, rule, type IRules } from '../../runtime/shield.ts';
import { readByReceipt } from './deletion/receipt.ts';

/** A deletion (or its certificate) read with its receipt: the receipt is the capability. */
const isReadByReceipt = rule({ cache: 'no_cache' })((parent: object) => readByReceipt.has(parent));
const isUserOrReceipt = or(isUser, isReadByReceipt);

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
    // No sign-in: a person whose account is gone reads their deletion with its receipt.
    deletionReceipt: allow,
    verifyDestructionCertificate: isAuthenticated,
    // The deployment's backups and drills: ids, sizes, digests and times, for operators only.
    backups: isOperator,
    restoreDrills: isOperator,
  },
  Mutation: {
    requestDataExport: isUser,
    setRetentionPolicy: isUser,
    requestDeletion: isUser,
    cancelDeletion: isUser,
    retryDeletion: isUser,
    setLegalHold: isUser,
    scheduleContractDeletion: isService('tenancy'),
  },
  DataMapType: { '*': isAuthenticated },
  DataMapField: { '*': isAuthenticated },
  DataExport: { '*': isUser },
  // Deletions are a person's request like exports; the resolvers answer null to anyone but the
  // organization's current admins, the person deleted and (once completed) whoever set it in
  // motion; a receipt reads the person's own. A certificate verifies for anyone.
  DeletionRequest: { '*': isUserOrReceipt },
  DestructionCertificate: { '*': isUserOrReceipt },
  CertificateVerification: { '*': isAuthenticated },
  LegalHold: { '*': isUser },
  // The hold is shown to the organization's admins only (the resolver answers null to others).
  Organization: { id: isAuthenticated, legalHold: isUser },
  // Retention: admins of the organization only; the resolvers answer FORBIDDEN to its other members
  // and NOT_FOUND to everyone else.
  RetentionRule: { '*': isUser },
  Backup: { '*': isOperator },
  RestoreDrill: { '*': isOperator },
};
