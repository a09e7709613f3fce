import type { RankingChange, RankingRow } from './events';

const ROW_FIELDS = ['rank', 'score', 'mark', 'talk'] as const;

/**
 * What a corrected ranking changes against the previous version, county by county: rank, score, marks, 约谈 and
 * every figure; a county that enters or leaves the ranking shows as `row` present → absent.
 */
export function rankingChanges(before: readonly RankingRow[], after: readonly RankingRow[]): RankingChange[] {
  const old = new Map(before.map((r) => [r.countyCode, r]));
  const now = new Map(after.map((r) => [r.countyCode, r]));
  const codes = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: RankingChange[] = [];
  for (const countyCode of codes) {
    const a = old.get(countyCode);
    const b = now.get(countyCode);
    if (!a || !b) {
      changes.push({ countyCode, field: 'row', from: a ? 'present' : null, to: b ? 'present' : null });
      continue;
    }
    for (const field of ROW_FIELDS) {
      if (a[field] !== b[field]) changes.push({ countyCode, field, from: a[field], to: b[field] });
    }
    for (const key of Object.keys(a.figures) as (keyof RankingRow['figures'])[]) {
      if (a.figures[key] !== b.figures[key]) {
        changes.push({ countyCode, field: `figures.${key}`, from: a.figures[key], to: b.figures[key] });
      }
    }
  }
  return changes;
}
