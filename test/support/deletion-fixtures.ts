import { expect } from '@jest/globals';
import { waitFor } from './audit-helpers.ts';
import type { TestStack } from './stack.ts';

export const DELETION_FIELDS = /* GraphQL */ `
  id
  status
  origin
  reason
  requestedAt
  scheduledFor
  progress
  completedAt
  certificate {
    id
    issuedAt
    document
    signature
    keyId
  }
  receipt
`;

export const REQUEST_DELETION = /* GraphQL */ `
  mutation RequestDeletion($subject: SubjectInput!, $reason: String!) {
    requestDeletion(subject: $subject, reason: $reason) { ${DELETION_FIELDS} }
  }
`;

export const DELETION_REQUEST = /* GraphQL */ `
  query DeletionRequest($id: ID!) {
    deletionRequest(id: $id) { ${DELETION_FIELDS} }
  }
`;

export const DELETION_RECEIPT = /* GraphQL */ `
  query DeletionReceipt($receipt: String!) {
    deletionReceipt(receipt: $receipt) { ${DELETION_FIELDS} }
  }
`;

export const DELETION_REQUESTS = /* GraphQL */ `
  query DeletionRequests {
    deletionRequests { ${DELETION_FIELDS} }
  }
`;

export const CANCEL_DELETION = /* GraphQL */ `
  mutation CancelDeletion($id: ID!) {
    cancelDeletion(id: $id) { ${DELETION_FIELDS} }
  }
`;

export const SET_LEGAL_HOLD = /* GraphQL */ `
  mutation SetLegalHold($organizationId: ID!, $hold: Boolean!, $reason: String) {
    setLegalHold(organizationId: $organizationId, hold: $hold, reason: $reason) {
      id
      legalHold {
        reason
        since
      }
    }
  }
`;

export const CERTIFICATE = /* GraphQL */ `
  query Verify($document: String!, $signature: String!) {
    verifyDestructionCertificate(document: $document, signature: $signature) {
      valid
      keyId
      reason
    }
  }
`;

export interface DeletionView {
  id: string;
  status: string;
  origin: string;
  scheduledFor: string;
  progress: number;
  completedAt: string | null;
  certificate: { id: string; document: string; signature: string; keyId: string } | null;
  /** Set for the person whose own account the deletion removes (and shown to them only). */
  receipt: string | null;
}

/** Polls a deletion until it completes (fails the test if it fails). */
export function waitForDeletion(stack: TestStack, id: string, token: string, timeoutMs = 30_000) {
  return waitFor(
    async () => {
      const result = await stack.graphql<{ deletionRequest: DeletionView | null }>(
        DELETION_REQUEST,
        { id },
        token,
      );
      expect(result.errors).toBeUndefined();
      const view = result.data!.deletionRequest;
      if (view?.status === 'FAILED') throw new Error(`deletion ${id} failed`);
      return view?.status === 'COMPLETED' ? view : undefined;
    },
    `deletion ${id}`,
    timeoutMs,
  );
}

/** Polls a deletion with its receipt, signed in as no one, until it completes. */
export function waitForReceipt(stack: TestStack, receipt: string, timeoutMs = 30_000) {
  return waitFor(
    async () => {
      const result = await stack.graphql<{ deletionReceipt: DeletionView | null }>(DELETION_RECEIPT, {
        receipt,
      });
      expect(result.errors).toBeUndefined();
      const view = result.data!.deletionReceipt;
      if (view?.status === 'FAILED') throw new Error('deletion failed');
      return view?.status === 'COMPLETED' ? view : undefined;
    },
    'deletion by receipt',
    timeoutMs,
  );
}
