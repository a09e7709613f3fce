import { smeBatchStreamId, smeEvaluationStreamId } from '@peiyu/contracts';
import { appendOn, provinceActor, type Append } from './append';
import { addDays, deadlineFacts, workingDays } from './dates';
import type { EvaluationFate } from './fate';
import { evaluationAppends, evaluationId } from './evaluation';
import { Rng } from './rng';

/** NOTICE_WORKING_DAYS of the assessment service (公示 10 working days). */
const NOTICE_WORKING_DAYS = 10;
/** Items per AddedToBatch event: keeps each document far below MongoDB's 16 MB. */
const ITEMS_PER_ADD = 500;

/** Share of objections upheld (the item is rejected): 40 % in the model. */
export const UPHELD_RATE = 0.4;

/** The province batches monthly: what was forwarded in month m is added on the 10th of m + 1 (m ≤ 11). */
export function batchMonth(f: EvaluationFate): number | null {
  if (!f.forwardedOn) return null;
  const m = Number(f.forwardedOn.slice(5, 7));
  return m <= 11 ? m : null;
}

export function batchIdOf(year: number, provinceCode: string, month: number): string {
  return `${year}-${provinceCode.slice(0, 2)}-${String(month).padStart(2, '0')}`;
}

/**
 * One provincial batch: added, public notice (objections on 1 % of items, 40 % of them upheld), closed,
 * entries numbered per county, spot checks on 5 % (plus half the flagged ones) 20–60 days later; a failed
 * check or missing materials leads to revocation on the evaluation stream.
 */
export function batchAppends(
  seed: number,
  year: number,
  provinceCode: string,
  month: number,
  fates: EvaluationFate[],
  ids: Rng,
  upheldRate = UPHELD_RATE,
): Append[] {
  const batchId = batchIdOf(year, provinceCode, month);
  const r = new Rng(seed, `batch:${batchId}`);
  const streamId = smeBatchStreamId(batchId);
  const province = provinceActor(provinceCode);
  const on = (date: string, type: string, data: object) =>
    appendOn(ids, streamId, date, province, [{ type, data: { batchId, ...data } }]);
  const items = fates.map((f) => ({ f, id: evaluationId(seed, f.uscc, year) }));
  const addedOn = workingDays(`${year}-${String(month + 1).padStart(2, '0')}-09`, 1);
  const out: Append[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_ADD) {
    const chunk = items
      .slice(i, i + ITEMS_PER_ADD)
      .map(({ f, id }) => ({ evaluationId: id, uscc: f.uscc, countyCode: f.countyCode }));
    out.push(on(addedOn, 'AddedToBatch', { provinceCode, year, addedOn, items: chunk }));
  }
  const openedOn = workingDays(addedOn, 2);
  const endsOn = workingDays(openedOn, NOTICE_WORKING_DAYS - 1);
  const notice = { workingDays: NOTICE_WORKING_DAYS, ...deadlineFacts(openedOn, NOTICE_WORKING_DAYS - 1) };
  out.push(on(openedOn, 'PublicNoticeOpened', { openedOn, endsOn, ...notice }));
  const rejected = new Set<string>();
  const resolutions: Append[] = [];
  for (const { id } of items) {
    if (!r.chance(0.01)) continue;
    const objectionId = `objection-${batchId}-${id.slice(-12)}`;
    const lodgedOn = addDays(openedOn, r.int(0, 6));
    out.push(
      on(lodgedOn, 'ObjectionLodged', {
        objectionId,
        evaluationId: id,
        lodgedOn,
        summary: '举报研发人员数据不实',
      }),
    );
    const upheld = r.chance(upheldRate);
    if (upheld) rejected.add(id);
    const finding = upheld ? '核实研发人员数据不实，不予入库' : '经核查举报内容不实';
    resolutions.push(
      on(endsOn, 'ObjectionResolved', {
        objectionId,
        evaluationId: id,
        outcome: upheld ? 'upheld' : 'dismissed',
        resolvedOn: endsOn,
        finding,
      }),
    );
  }
  out.push(...resolutions);
  const closedOn = workingDays(endsOn, 1);
  const entered = items.filter(({ id }) => !rejected.has(id));
  out.push(
    on(closedOn, 'PublicNoticeClosed', {
      closedOn,
      entered: entered.map((e) => e.id),
      rejected: [...rejected],
    }),
  );
  const serial = new Map<string, number>();
  const numbers = new Map<string, string>();
  for (const { f, id } of entered) {
    const n = (serial.get(f.countyCode) ?? 0) + 1;
    serial.set(f.countyCode, n);
    // 入库登记编号: year + county + month + serial, unique per province and year.
    const registrationNumber = `${year}${f.countyCode}${String(month).padStart(2, '0')}${String(n).padStart(5, '0')}`;
    numbers.set(id, registrationNumber);
    out.push(
      on(closedOn, 'SmeEntered', {
        evaluationId: id,
        uscc: f.uscc,
        year,
        countyCode: f.countyCode,
        registrationNumber,
        enteredOn: closedOn,
        validUntil: `${year + 1}-03-31`,
      }),
    );
  }
  out.push(...spotChecks(seed, year, r, on, entered, numbers, closedOn, ids, province));
  return out;
}

function spotChecks(
  seed: number,
  year: number,
  r: Rng,
  on: (date: string, type: string, data: object) => Append,
  entered: { f: EvaluationFate; id: string }[],
  numbers: Map<string, string>,
  closedOn: string,
  ids: Rng,
  province: ReturnType<typeof provinceActor>,
): Append[] {
  const out: Append[] = [];
  for (const { f, id } of entered) {
    const flagged = f.onSiteFlagged && r.chance(0.5);
    if (!flagged && !r.chance(0.05)) continue;
    const checkedOn = addDays(closedOn, r.int(20, 60));
    if (checkedOn > `${year}-12-15`) continue;
    const roll = r.float();
    const outcome = roll < 0.94 ? 'passed' : roll < 0.98 ? 'failed' : 'materials_not_provided';
    const findings = outcome === 'passed' ? '现场核查与填报信息一致' : '研发费用与账簿不符或未提供材料';
    out.push(
      on(checkedOn, 'SpotCheckRecorded', {
        evaluationId: id,
        uscc: f.uscc,
        checkedOn,
        selection: flagged ? 'flagged' : 'random',
        outcome,
        findings,
      }),
    );
    if (outcome === 'passed') continue;
    // tech-sme.md workflow 6: a failed spot check (or materials refused) revokes the entry.
    const after = evaluationAppends(seed, year, f, new Rng(0, 'count')).reduce(
      (n, a) => n + a.events.length,
      0,
    );
    const stream = smeEvaluationStreamId(f.uscc, year);
    const ground = outcome === 'failed' ? 'failed_spot_check' : 'materials_not_provided';
    const item = { evaluationId: id, uscc: f.uscc, year };
    const requestedOn = addDays(checkedOn, 3);
    const revokedOn = workingDays(requestedOn, 5);
    const reason = '抽查不合格，撤销入库登记编号';
    out.push({
      ...appendOn(ids, stream, requestedOn, province, [
        { type: 'RevocationRequested', data: { ...item, requestedOn, ground, reason } },
      ]),
      after,
    });
    out.push({
      ...appendOn(ids, stream, revokedOn, province, [
        {
          type: 'SmeEntryRevoked',
          data: { ...item, registrationNumber: numbers.get(id)!, revokedOn, ground, fraud: false, reason },
        },
      ]),
      after: after + 1,
    });
  }
  return out;
}
