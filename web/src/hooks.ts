import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api.js';
import { urlOf, type CallInput, type ResponseOf } from './client.js';
import type { AnyEndpoint } from '../../src/core/http/contract.js';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: ApiError | null;
  reload: () => void;
  setData: (d: T | null) => void;
}

/** GET `url` (null = don't load yet); reloads when the URL changes. Errors are shown by the API client unless silent. */
export function useApi<T>(url: string | null, opts: { silent?: boolean } = {}): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState<boolean>(!!url);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const silent = !!opts.silent;
  const lastUrl = useRef<string | null>(null);

  useEffect(() => {
    if (!url) {
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    // Keep the old data while reloading the same URL (no flicker); clear it for a new one.
    if (lastUrl.current !== url) setData(null);
    lastUrl.current = url;
    setLoading(true);
    setError(null);
    api
      .get<T>(url, { signal: ctl.signal, silent })
      .then((d) => {
        if (!ctl.signal.aborted) setData(d);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'error', String(e), null));
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [url, tick, silent]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, loading, error, reload, setData };
}

/**
 * GET a route of the contract (null input = don't load yet); reloads when its params or query change.
 * The answer is typed by the route's response schema.
 */
export function useCall<E extends AnyEndpoint>(e: E, input: CallInput<E> | null, opts: { silent?: boolean } = {}): Loaded<ResponseOf<E>> {
  return useApi<ResponseOf<E>>(input ? urlOf(e, input as never) : null, opts);
}

/** Debounce a value (search boxes). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
