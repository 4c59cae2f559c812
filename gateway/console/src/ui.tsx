import type { ReactNode } from 'react';

/** A refusal or failure, announced to screen readers. */
export const ErrorMessage = ({ children }: { children: ReactNode }) =>
  children ? (
    <p role="alert" className="error">
      {children}
    </p>
  ) : null;

/** What an action did, announced politely. */
export const Notice = ({ children }: { children: ReactNode }) =>
  children ? (
    <p role="status" className="notice">
      {children}
    </p>
  ) : null;

export const Loading = () => <p aria-busy="true">Loading…</p>;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const When = ({ at }: { at: string | null | undefined }) =>
  at ? <time dateTime={at}>{dateTime.format(new Date(at))}</time> : <span>—</span>;
