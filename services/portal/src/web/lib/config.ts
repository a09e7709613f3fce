import { useQuery } from '@tanstack/react-query';

export interface AuthConfig {
  mode: 'local' | 'production';
  signIn: 'demo' | 'oidc';
  services: string[];
  /** the portal's today (YYYY-MM-DD): the shared movable clock in local mode */
  today: string;
}

export function useAuthConfig() {
  return useQuery({
    queryKey: ['auth-config'],
    queryFn: async () => {
      const r = await fetch('/auth/config', { headers: { accept: 'application/json' } });
      if (!r.ok) throw new Error(`/auth/config: HTTP ${r.status}`);
      return (await r.json()) as AuthConfig;
    },
    staleTime: 60_000,
  });
}

/** The campaign year: the year of the stack's today, not of the browser's clock. */
export function useCampaignYear(): number | undefined {
  const c = useAuthConfig();
  return c.data ? Number(c.data.today.slice(0, 4)) : undefined;
}
