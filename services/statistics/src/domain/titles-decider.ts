import { KNOWN_ENTERPRISE_TITLES } from '@peiyu/contracts';
import type { Decider, DecisionContext } from '@peiyu/eventstore';
import { refuse } from './errors';
import type { TitleEvent } from './events';

export interface GrantTitle {
  readonly type: 'GrantTitle';
  readonly uscc: string;
  /** Chosen by the shell (e.g. the document number and a serial): makes a retried grant recognisable. */
  readonly grantId: string;
  readonly titleCode: string;
  readonly level: 'national' | 'provincial' | 'city';
  readonly validUntil: string | null;
  readonly reference: string;
}

export interface RevokeTitle {
  readonly type: 'RevokeTitle';
  readonly uscc: string;
  readonly grantId: string;
  readonly reason: string;
  readonly reference: string;
}

export type TitleCommand = GrantTitle | RevokeTitle;

interface Grant {
  readonly data: Extract<TitleEvent, { type: 'EnterpriseTitleGranted' }>['data'];
  readonly revokedOn: string | null;
}

/** One stream per enterprise (`enterpriseTitlesStreamId`): every grant and revocation of its titles. */
export interface TitlesState {
  readonly grants: ReadonlyMap<string, Grant>;
}

export const initialTitlesState: TitlesState = { grants: new Map() };

export interface TitlePorts {
  /** The enterprise's county from the registry's events; null when the registry does not know it. */
  countyOf(uscc: string): string | null;
  /** The title's Chinese name in the province's catalog; null = the province has not defined it. */
  titleName(provinceCode: string, titleCode: string): string | null;
}

/** The seeds' titles everywhere, plus Henan's 科技雏鹰企业 and 创新龙头企业 (驻马店 2021 三(一)3). */
export function defaultTitleName(provinceCode: string, titleCode: string): string | null {
  const henan: Record<string, string> = { eaglet: '科技雏鹰企业', innovation_leader: '创新龙头企业' };
  const known = (KNOWN_ENTERPRISE_TITLES as Record<string, string>)[titleCode];
  return known ?? (provinceCode === '410000' ? (henan[titleCode] ?? null) : null);
}

/** City bureaus grant city titles over their counties; province bureaus grant provincial and national ones. */
function authority(ctx: DecisionContext, county: string, level: GrantTitle['level'] | null): string {
  const { role, region } = ctx.actor;
  const city = role === 'city_reviewer' && region?.slice(0, 4) === county.slice(0, 4);
  const province = role === 'province_reviewer' && region?.slice(0, 2) === county.slice(0, 2);
  const levelOk = level === null || (city ? level === 'city' : level !== 'city');
  if (!(city || province) || !levelOk || region === undefined) {
    throw refuse('forbidden', 'titles.out-of-scope', 'this bureau cannot grant or revoke that title here');
  }
  return region;
}

const inForce = (g: Grant, today: string) =>
  g.revokedOn === null && (g.data.validUntil === null || g.data.validUntil >= today);

function grant(cmd: GrantTitle, state: TitlesState, ctx: DecisionContext, ports: TitlePorts): TitleEvent[] {
  const county = ports.countyOf(cmd.uscc);
  if (county === null)
    throw refuse('not_found', 'titles.enterprise-unknown', 'the registry does not know this enterprise');
  const region = authority(ctx, county, cmd.level);
  const titleName = ports.titleName(`${county.slice(0, 2)}0000`, cmd.titleCode);
  if (titleName === null) {
    throw refuse(
      'invalid',
      'titles.unknown-title',
      `the province has not defined ${cmd.titleCode}`,
      'titleCode',
    );
  }
  const existing = state.grants.get(cmd.grantId);
  if (existing) {
    if (existing.data.titleCode === cmd.titleCode && existing.data.reference === cmd.reference) return [];
    throw refuse('conflict', 'titles.grant-id-taken', 'this grant id is used by another grant', 'grantId');
  }
  if ([...state.grants.values()].some((g) => g.data.titleCode === cmd.titleCode && inForce(g, ctx.today))) {
    throw refuse('conflict', 'titles.already-held', `the enterprise already holds ${titleName}`, 'titleCode');
  }
  if (cmd.validUntil !== null && cmd.validUntil < ctx.today) {
    throw refuse('invalid', 'titles.valid-until', 'a title cannot end before it is granted', 'validUntil');
  }
  const data = {
    uscc: cmd.uscc,
    grantId: cmd.grantId,
    titleCode: cmd.titleCode,
    titleName,
    level: cmd.level,
    grantedByRegion: region,
    grantedOn: ctx.today,
    validUntil: cmd.validUntil,
    reference: cmd.reference,
  };
  return [{ type: 'EnterpriseTitleGranted', data }];
}

function revoke(cmd: RevokeTitle, state: TitlesState, ctx: DecisionContext, ports: TitlePorts): TitleEvent[] {
  const g = state.grants.get(cmd.grantId);
  if (!g) throw refuse('not_found', 'titles.unknown-grant', 'no such grant for this enterprise', 'grantId');
  authority(ctx, ports.countyOf(cmd.uscc) ?? g.data.grantedByRegion, g.data.level);
  if (g.revokedOn !== null) return [];
  const data = {
    uscc: cmd.uscc,
    grantId: cmd.grantId,
    titleCode: g.data.titleCode,
    revokedOn: ctx.today,
    reason: cmd.reason,
    reference: cmd.reference,
  };
  return [{ type: 'EnterpriseTitleRevoked', data }];
}

function evolve(state: TitlesState, event: TitleEvent): TitlesState {
  const grants = new Map(state.grants);
  if (event.type === 'EnterpriseTitleGranted')
    grants.set(event.data.grantId, { data: event.data, revokedOn: null });
  else {
    const g = grants.get(event.data.grantId);
    if (g) grants.set(event.data.grantId, { ...g, revokedOn: event.data.revokedOn });
  }
  return { grants };
}

export function titlesDecider(ports: TitlePorts): Decider<TitlesState, TitleCommand, TitleEvent> {
  return {
    initialState: initialTitlesState,
    evolve,
    decide: (command, state, ctx) =>
      command.type === 'GrantTitle' ? grant(command, state, ctx, ports) : revoke(command, state, ctx, ports),
  };
}
