import { DependencyList, useCallback, useEffect, useState } from 'react';

/**
 * Loads data when `deps` change and on `reload()`. State is set only from the promise's
 * callbacks, and a stale answer (deps changed meanwhile) is dropped.
 */
export function useLoader<T>(load: () => Promise<T>, deps: DependencyList): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure every render; `deps` say when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}
