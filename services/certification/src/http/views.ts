import type { Principal } from '@peiyu/service-kit';
import type { Application, EnterpriseHnteState } from '../domain';

/**
 * An application as the API shows it. An expert sees the application and its own sheet only: the other
 * experts' scores stay hidden until the review is concluded (independent scoring, 195号 专家评审).
 */
export function applicationView(a: Application, version: number, principal?: Principal) {
  const scores =
    principal?.role === 'expert'
      ? Object.fromEntries(Object.entries(a.scores).filter(([id]) => id === principal.sub))
      : a.scores;
  return { ...a, scores, version };
}

export function recordView(s: EnterpriseHnteState, version: number) {
  return { ...s, version };
}
