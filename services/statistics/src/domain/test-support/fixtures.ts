import type { DecisionContext } from '@peiyu/eventstore';
import { createRegionRegistry, exampleUscc, parseRegion } from '@peiyu/policy';
import type { SourceEvent, TargetFigures } from '../events';
import type { IndicatorFigures } from '../indicators';

/** 驻马店市 and its counties (GB/T 2260 + the statistical 经济开发区 411771). */
export const ZHUMADIAN = '411700';
export const ZMD_COUNTIES = {
  驿城区: '411702',
  西平县: '411721',
  上蔡县: '411722',
  平舆县: '411723',
  正阳县: '411724',
  确山县: '411725',
  泌阳县: '411726',
  汝南县: '411727',
  遂平县: '411728',
  新蔡县: '411729',
  经济开发区: '411771',
} as const;
export const YUEYANG = '430600';
/** 岳阳 counties of the 2022 reply; 经开区 and 新港区 are the configured management areas of @peiyu/policy. */
export const YY_COUNTIES = {
  新港区: '430673',
  经开区: '430672',
  岳阳楼区: '430602',
  平江县: '430626',
  汨罗市: '430681',
  岳阳县: '430621',
} as const;

export const regions = parseRegion;
/** 新蔡 as a 省直管县 (it was one of Henan's ten from 2014): a configuration, to exercise the exclusion. */
export const regionsWithXincai = createRegionRegistry({
  provinciallyAdministered: ['410482', '411729'],
}).parseRegion;

export function ctx(
  actor: { role: string; region?: string; id?: string },
  today: string,
  now = `${today}T08:00:00.000Z`,
): DecisionContext {
  return {
    now: new Date(now),
    today,
    actor: { id: actor.id ?? 'user-1', role: actor.role, ...(actor.region ? { region: actor.region } : {}) },
    correlationId: 'corr-1',
  };
}

export const cityOf = (region: string) => ({ role: 'city_reviewer', region, id: 'city-1' });
export const provinceOf = (region: string) => ({ role: 'province_reviewer', region, id: 'prov-1' });
export const countyOf = (region: string) => ({ role: 'county_reviewer', region, id: 'county-1' });

export const usccOf = (county: string, n: number) => exampleUscc(county, n);

const at = (date: string) => `${date}T10:00:00.000Z`;

export function registered(
  uscc: string,
  county: string,
  foundedOn = '2015-01-01',
  recordedAt = at(foundedOn),
): SourceEvent {
  return {
    type: 'EnterpriseRegistered',
    recordedAt,
    data: {
      uscc,
      name: `示例企业${uscc.slice(-6)}`,
      divisionCode: county,
      foundedOn,
      industry: null,
      hnteField: null,
      contact: { name: '张三', phone: '0396-1234567', email: 'a@example.cn' },
    },
  };
}

export function entered(
  uscc: string,
  county: string,
  enteredOn: string,
  recordedAt = at(enteredOn),
): SourceEvent {
  const year = Number(enteredOn.slice(0, 4));
  return {
    type: 'SmeEntered',
    recordedAt,
    data: {
      batchId: `b-${year}`,
      evaluationId: `ev-${uscc}-${year}`,
      uscc,
      year,
      countyCode: county,
      registrationNumber: `${year}41${uscc.slice(-6)}`,
      enteredOn,
      validUntil: `${year + 1}-03-31`,
    },
  };
}

export function revoked(
  uscc: string,
  year: number,
  revokedOn: string,
  recordedAt = at(revokedOn),
): SourceEvent {
  return {
    type: 'SmeEntryRevoked',
    recordedAt,
    data: {
      evaluationId: `ev-${uscc}-${year}`,
      uscc,
      year,
      registrationNumber: `${year}41${uscc.slice(-6)}`,
      revokedOn,
      ground: 'failed_spot_check',
      fraud: false,
      reason: '抽查不合格',
    },
  };
}

let certSerial = 0;
/** A fresh certificate number of the shape GR + year + 41 + serial. */
export const certNo = (year: number) => `GR${year}41${String((certSerial += 1)).padStart(6, '0')}`;

export function certified(
  uscc: string,
  issuedOn: string,
  certificateNumber = certNo(Number(issuedOn.slice(0, 4))),
  recordedAt = at(issuedOn),
): SourceEvent {
  const y = Number(issuedOn.slice(0, 4));
  return {
    type: 'HnteCertified',
    recordedAt,
    data: {
      uscc,
      certificateNumber,
      field: 'new_materials',
      issuedOn,
      validUntil: `${y + 3}${issuedOn.slice(4)}`,
    },
  };
}

export function cancelled(
  uscc: string,
  certificateNumber: string,
  decidedOn: string,
  effectiveFrom: string,
  recordedAt = at(decidedOn),
): SourceEvent {
  return {
    type: 'HnteCancelled',
    recordedAt,
    data: { uscc, certificateNumber, ground: 'no_longer_qualified', effectiveFrom, decidedOn },
  };
}

export function relocated(
  uscc: string,
  from: string,
  to: string,
  effectiveOn: string,
  recordedAt = at(effectiveOn),
): SourceEvent {
  return {
    type: 'EnterpriseRelocated',
    recordedAt,
    data: { uscc, fromDivisionCode: from, toDivisionCode: to, effectiveOn },
  };
}

export function titleGranted(
  uscc: string,
  titleCode: string,
  grantedOn: string,
  opts: { grantId?: string; validUntil?: string | null } = {},
): SourceEvent {
  return {
    type: 'EnterpriseTitleGranted',
    recordedAt: at(grantedOn),
    data: {
      uscc,
      grantId: opts.grantId ?? `${titleCode}-${uscc}`,
      titleCode,
      titleName: titleCode,
      level: 'provincial',
      grantedByRegion: `${uscc.slice(2, 4)}0000`,
      grantedOn,
      validUntil: opts.validUntil ?? null,
      reference: '示例文号',
    },
  };
}

export const figures = (f: Partial<IndicatorFigures> = {}): IndicatorFigures => ({
  newTechSmesEntered: 0,
  newHnteCertified: 0,
  validHnte: 0,
  techContractTurnoverFen: 0,
  innovationPlatforms: 0,
  ...f,
});

export const targets = (t: Partial<TargetFigures> = {}): TargetFigures => ({
  newTechSmesEntered: null,
  newHnteCertified: null,
  validHnte: null,
  techContractTurnoverFen: null,
  innovationPlatforms: null,
  ...t,
});
