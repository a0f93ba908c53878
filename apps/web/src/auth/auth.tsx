import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AccessToken, MeView, PlatformRole } from '@ztt/contracts';
import { api, hasSession, setTokens, whenSignedOut } from '../api/client';

interface Auth {
  me: MeView | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  register: (email: string, password: string, displayName: string) => Promise<void>;
  logout: () => Promise<void>;
  reload: () => Promise<void>;
  adopt: (tokens: AccessToken) => Promise<void>;
  hasRole: (role: PlatformRole) => boolean;
}

const Ctx = createContext<Auth | null>(null);

/** The signed-in person, or null (and the stored session dropped) when there is none. */
async function fetchMe(): Promise<MeView | null> {
  if (!hasSession()) return null;
  try {
    return await api<MeView>('GET', '/me');
  } catch {
    setTokens(null);
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null>(null);
  const [loading, setLoading] = useState(hasSession());
  const queryClient = useQueryClient();

  const reload = useCallback(async () => setMe(await fetchMe()), []);

  useEffect(() => {
    // Whatever was loaded for the person who has gone must not show to the next one.
    whenSignedOut(() => {
      queryClient.clear();
      setMe(null);
    });
    if (!hasSession()) return;
    void fetchMe()
      .then(setMe)
      .finally(() => setLoading(false));
  }, [queryClient]);

  const value = useMemo<Auth>(() => {
    const adopt = async (tokens: AccessToken) => {
      setTokens(tokens);
      await reload();
    };
    return {
      me,
      loading,
      reload,
      adopt,
      login: async (email, password) => adopt(await api<AccessToken>('POST', '/auth/login', { email, password })),
      register: async (email, password, displayName) => adopt(await api<AccessToken>('POST', '/auth/register', { email, password, displayName })),
      logout: async () => {
        await api('POST', '/auth/logout').catch(() => undefined);
        setTokens(null);
        queryClient.clear();
        setMe(null);
      },
      hasRole: (role) => !!me?.platformRoles.includes(role),
    };
  }, [me, loading, reload, queryClient]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
