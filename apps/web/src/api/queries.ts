import { keepPreviousData, matchQuery, MutationCache, QueryClient, QueryKey, useQuery, UseQueryOptions } from '@tanstack/react-query';
import { api, ApiError } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    // What a write changes: the queries to mark stale once it succeeds (docs/style.md, "Server state").
    mutationMeta: { invalidates?: QueryKey[] };
  }
}

/** How long an answer counts as fresh: a page opened again within it shows the cache without asking. */
export const STALE_MS = 30_000;

/** Retry a failed read only when trying again can help: no answer, or the server's own failure (5xx). */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/**
 * The app's one query client. A mutation names what it changes in `meta.invalidates`, and those
 * queries are invalidated as it succeeds, before its own `onSuccess` runs (a mutation without the
 * list invalidates everything): what is on screen refetches, the rest refetches when next shown.
 * The mutation does not wait for those refetches: its button stops loading at once, as a person
 * (and a browser test) clicking the next button expects. Forms are never refetched under the person
 * typing (no refetch on window focus).
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: { staleTime: STALE_MS, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        const keys = mutation.meta?.invalidates;
        void client.invalidateQueries(keys ? { predicate: (q) => keys.some((queryKey) => matchQuery({ queryKey }, q)) } : undefined);
      },
    }),
  });
  return client;
}

type ApiQueryOptions<T> = Omit<UseQueryOptions<T, Error, T, QueryKey>, 'queryKey' | 'queryFn'> & {
  /** Keep showing the previous answer while another page or filter loads (lists). */
  keepPrevious?: boolean;
};

/**
 * GET `path` (under /api) as the query `key`; a null path waits (the query is disabled). An empty
 * answer (204) is cached as null, since a query's data may not be undefined.
 */
export function useApiQuery<T>(key: QueryKey, path: string | null, { keepPrevious, ...options }: ApiQueryOptions<T> = {}) {
  return useQuery<T, Error, T, QueryKey>({
    queryKey: key,
    queryFn: async () => ((await api<T>('GET', path as string)) ?? null) as T,
    enabled: path !== null,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...options,
  });
}
