import type { IsoDate } from '@peiyu/policy';
import {
  countyOn,
  happenedBy,
  known,
  type AsOf,
  type CertificateFact,
  type SmeEntryFact,
  type SourceFacts,
  type TitleFact,
} from './facts';

/** What puts an enterprise on a stage: a valid entry, a valid certificate, or a valid title among `titles`. */
export type StageCriterion =
  | { readonly kind: 'tech_sme' }
  | { readonly kind: 'hnte' }
  | { readonly kind: 'title'; readonly titles: readonly string[] }
  | { readonly kind: 'any'; readonly of: readonly StageCriterion[] };

export interface LadderStage {
  readonly code: string;
  readonly name: string;
  readonly criterion: StageCriterion;
}

/** A province's ladder, lowest stage first (people-and-places.md: "Ladders are configurable per province"). */
export interface Ladder {
  readonly provinceCode: string;
  readonly name: string;
  readonly stages: readonly LadderStage[];
}

/**
 * Henan (驻马店 2021 三(一)3: 建立"微成长、小升高、高变强"的创新引领型企业梯次培育机制; 培育省级科技雏鹰企业、
 * 瞪羚企业、创新龙头企业): small tech enterprises grow (entered tech SMEs, 科技雏鹰), small become high (HNTE),
 * high become strong (瞪羚, 创新龙头).
 */
export const HENAN_LADDER: Ladder = {
  provinceCode: '410000',
  name: '微成长、小升高、高变强',
  stages: [
    {
      code: 'micro_growth',
      name: '微成长',
      criterion: { kind: 'any', of: [{ kind: 'tech_sme' }, { kind: 'title', titles: ['eaglet'] }] },
    },
    { code: 'small_to_high', name: '小升高', criterion: { kind: 'hnte' } },
    {
      code: 'high_to_strong',
      name: '高变强',
      criterion: { kind: 'title', titles: ['gazelle', 'innovation_leader'] },
    },
  ],
};

/** Ningxia's five steps (people-and-places.md). */
export const NINGXIA_LADDER: Ladder = {
  provinceCode: '640000',
  name: '科技型中小企业→科技小巨人→高新技术企业→瞪羚企业→创新型示范企业',
  stages: [
    { code: 'tech_sme', name: '科技型中小企业', criterion: { kind: 'tech_sme' } },
    {
      code: 'little_giant',
      name: '科技小巨人',
      criterion: { kind: 'title', titles: ['sci_tech_little_giant'] },
    },
    { code: 'hnte', name: '高新技术企业', criterion: { kind: 'hnte' } },
    { code: 'gazelle', name: '瞪羚企业', criterion: { kind: 'title', titles: ['gazelle'] } },
    {
      code: 'innovative_demonstration',
      name: '创新型示范企业',
      criterion: { kind: 'title', titles: ['innovative_demonstration'] },
    },
  ],
};

/** One enterprise's entries, certificates and titles (indexed once, so a county's ladder is linear). */
export interface EnterpriseFile {
  readonly entries: SmeEntryFact[];
  readonly certificates: CertificateFact[];
  readonly titles: TitleFact[];
}

export function filesByUscc(facts: SourceFacts): Map<string, EnterpriseFile> {
  const out = new Map<string, EnterpriseFile>();
  const file = (uscc: string): EnterpriseFile => {
    let f = out.get(uscc);
    if (!f) {
      f = { entries: [], certificates: [], titles: [] };
      out.set(uscc, f);
    }
    return f;
  };
  for (const uscc of facts.enterprises.keys()) file(uscc);
  for (const e of facts.smeEntries.values()) file(e.uscc).entries.push(e);
  for (const c of facts.certificates.values()) file(c.uscc).certificates.push(c);
  for (const t of facts.titles.values()) file(t.uscc).titles.push(t);
  return out;
}

const validSme = (f: EnterpriseFile, d: IsoDate, at: AsOf): boolean =>
  f.entries.some((e) => happenedBy(e, d, at) && e.validUntil >= d && !happenedBy(e.revoked, d, at));

const validHnte = (f: EnterpriseFile, d: IsoDate, at: AsOf): boolean =>
  f.certificates.some(
    (c) =>
      happenedBy(c, d, at) &&
      c.validUntil >= d &&
      !happenedBy(c.cancelled, d, at) &&
      !happenedBy(c.expired, d, at),
  );

const validTitle = (f: EnterpriseFile, titles: readonly string[], d: IsoDate, at: AsOf): boolean =>
  f.titles.some(
    (t) =>
      titles.includes(t.titleCode) &&
      happenedBy(t, d, at) &&
      (t.validUntil === null || t.validUntil >= d) &&
      !happenedBy(t.revoked, d, at),
  );

function holds(c: StageCriterion, f: EnterpriseFile, d: IsoDate, at: AsOf): boolean {
  switch (c.kind) {
    case 'tech_sme':
      return validSme(f, d, at);
    case 'hnte':
      return validHnte(f, d, at);
    case 'title':
      return validTitle(f, c.titles, d, at);
    case 'any':
      return c.of.some((x) => holds(x, f, d, at));
  }
}

/**
 * The enterprise's stage on a date: the highest stage whose criterion holds (titles are granted for standing, so
 * a 瞪羚 whose HNTE lapsed still stands on 瞪羚); index into `ladder.stages`, -1 = not on the ladder.
 */
export function stageIndexOf(
  ladder: Ladder,
  facts: SourceFacts,
  uscc: string,
  at: AsOf,
  file: EnterpriseFile | undefined = filesByUscc(facts).get(uscc),
): number {
  const deregistered = happenedBy(facts.enterprises.get(uscc)?.deregistered ?? null, at.asOf, at);
  if (deregistered || !file) return -1;
  for (let i = ladder.stages.length - 1; i >= 0; i -= 1) {
    const stage = ladder.stages[i] as LadderStage;
    if (holds(stage.criterion, file, at.asOf, at)) return i;
  }
  return -1;
}

export interface StageMove {
  readonly uscc: string;
  /** Stage codes; null = not on the ladder. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface CountyMovement {
  readonly countyCode: string;
  readonly up: StageMove[];
  readonly down: StageMove[];
  /** "from → to" → count, e.g. "tech_sme→hnte": 3 (null shows as "none"). */
  readonly upCounts: Record<string, number>;
}

const dayBefore = (d: IsoDate): IsoDate => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
};

/**
 * Who moved on the ladder over [from, to] and from which stage: the stage on the day before `from` against
 * the stage on `to`, counted in the enterprise's county on `to`. Only enterprises of the ladder's province.
 */
export function ladderMovements(
  ladder: Ladder,
  facts: SourceFacts,
  period: { from: IsoDate; to: IsoDate; knownAt?: string },
): CountyMovement[] {
  const k = period.knownAt === undefined ? {} : { knownAt: period.knownAt };
  const before: AsOf = { asOf: dayBefore(period.from), ...k };
  const after: AsOf = { asOf: period.to, ...k };
  const byCounty = new Map<string, CountyMovement>();
  const code = (i: number) => (i < 0 ? null : (ladder.stages[i] as LadderStage).code);
  const files = filesByUscc(facts);
  for (const uscc of [...files.keys()].sort()) {
    const file = files.get(uscc);
    const county = countyOn(facts, uscc, period.to, after) ?? smeCounty(file, after);
    if (county === null || county.slice(0, 2) !== ladder.provinceCode.slice(0, 2)) continue;
    const i = stageIndexOf(ladder, facts, uscc, before, file);
    const j = stageIndexOf(ladder, facts, uscc, after, file);
    if (i === j) continue;
    let row = byCounty.get(county);
    if (!row) {
      row = { countyCode: county, up: [], down: [], upCounts: {} };
      byCounty.set(county, row);
    }
    const move = { uscc, from: code(i), to: code(j) };
    if (j > i) {
      row.up.push(move);
      const key = `${move.from ?? 'none'}→${move.to}`;
      row.upCounts[key] = (row.upCounts[key] ?? 0) + 1;
    } else row.down.push(move);
  }
  return [...byCounty.values()].sort((a, b) => (a.countyCode < b.countyCode ? -1 : 1));
}

/** Where an enterprise the registry has not located was entered as a tech SME. */
function smeCounty(file: EnterpriseFile | undefined, at: AsOf): string | null {
  return file?.entries.find((e) => known(e, at))?.countyCode ?? null;
}
