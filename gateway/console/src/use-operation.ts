import { useCallback, useEffect, useState } from 'react';
import { explain } from './errors.ts';
import { withStepUp } from './step-up.tsx';

/** Runs a load on mount (and on reload()), keeping its data, or its error in words. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(null);
    } catch (thrown) {
      setError(explain(thrown));
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

/**
 * An action's state: busy while it runs, its refusal in words, or a line saying what it did. An
 * action asking for a step-up is tried again once the person confirmed it is them.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (action: () => Promise<string | null | void>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone((await withStepUp(action)) ?? null);
    } catch (thrown) {
      setError(explain(thrown));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}
