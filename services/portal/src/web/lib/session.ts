import { useSyncExternalStore } from 'react';

export interface Principal {
  sub: string;
  role: string;
  region?: string;
  uscc?: string;
}
export interface Session {
  token: string;
  principal: Principal;
}

const KEY = 'peiyu.session';
let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The signed-in user, kept for the browser tab (sessionStorage), shared by every component. */
export function setSession(s: Session | null): void {
  current = s;
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export function getSession(): Session | null {
  return current;
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** After the OIDC callback the token arrives in the URL fragment; its claims name the principal. */
export function takeTokenFromFragment(): void {
  const m = /[#&]token=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return;
  const token = decodeURIComponent(m[1]);
  const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Principal;
  setSession({ token, principal: payload });
  history.replaceState(null, '', window.location.pathname);
}
