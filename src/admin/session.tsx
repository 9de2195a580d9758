import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, call, setCsrfToken } from './api/client';
import type { components, paths } from './api/schema';

export type SessionView = paths['/api/v1/auth/session']['get']['responses'][200]['content']['application/json'];
export type Permission = string;

interface SessionState {
  session: SessionView | null;
  loading: boolean;
  setSession: (s: SessionView | null) => void;
  refresh: () => Promise<void>;
  can: (p: Permission) => boolean;
}

const Ctx = createContext<SessionState>(null as never);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setState] = useState<SessionView | null>(null);
  const [loading, setLoading] = useState(true);
  const setSession = useCallback((s: SessionView | null) => {
    setCsrfToken(s?.csrfToken ?? '');
    setState(s);
  }, []);
  const refresh = useCallback(async () => {
    try {
      setSession(await call(api.GET('/api/v1/auth/session')));
    } catch {
      setSession(null);
    } finally {
      setLoading(false);
    }
  }, [setSession]);
  useEffect(() => {
    void refresh();
    const out = () => setSession(null);
    window.addEventListener('gk:signed-out', out);
    return () => window.removeEventListener('gk:signed-out', out);
  }, [refresh, setSession]);
  const can = useCallback((p: Permission) => !!session?.permissions.includes(p), [session]);
  return <Ctx.Provider value={{ session, loading, setSession, refresh, can }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
export type Schemas = components;
