import { enterpriseStreamId, HNTE_FIELDS, SANCTION_KINDS } from '@peiyu/contracts';
import { appendOn, countyActor, enterpriseActor, type Append } from './append';
import { addDays, dayOfYear, minDate } from './dates';
import type { EnterpriseSlot } from './fate';
import { Rng } from './rng';

const WORDS = [
  '华信',
  '中原',
  '鹰城',
  '尼龙',
  '恒达',
  '新材',
  '智造',
  '云图',
  '宏远',
  '瑞丰',
  '天成',
  '锦程',
];
const KINDS = ['科技', '新材料', '电气', '信息技术', '生物医药', '机械', '环保科技', '软件'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰'];
const INDUSTRIES = [
  '制造业',
  '信息传输、软件和信息技术服务业',
  '科学研究和技术服务业',
  '电力、热力生产和供应业',
];

/** The name an enterprise registers under (unique by its serial in the county). */
export function enterpriseName(slot: EnterpriseSlot, r: Rng): string {
  return `${slot.county.name}${r.pick(WORDS)}${r.pick(KINDS)}${slot.serial}号有限公司`;
}

/**
 * The enterprise stream of one year: registration (January–April, before the campaign), then the rarer
 * changes — profile updates 10 %, renames 2 %, sanctions 1 % (a third lifted), deregistrations 0.5 % of
 * enterprises not evaluating.
 */
export function enterpriseAppends(seed: number, year: number, slot: EnterpriseSlot, ids: Rng): Append[] {
  const r = new Rng(seed, `enterprise:${slot.uscc}`);
  const streamId = enterpriseStreamId(slot.uscc);
  const uscc = slot.uscc;
  const self = enterpriseActor(uscc);
  const registeredOn = dayOfYear(year, 4 + r.int(0, 115));
  const name = enterpriseName(slot, r);
  const contact = {
    name: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
    phone: `0${r.int(310, 399)}-${r.int(2_000_000, 8_999_999)}`,
    email: `contact${slot.serial}@${uscc.toLowerCase()}.example.cn`,
  };
  const data = {
    uscc,
    name,
    divisionCode: slot.county.code,
    foundedOn: dayOfYear(year - r.int(1, 25), r.int(0, 360)),
    industry: r.pick(INDUSTRIES),
    hnteField: r.chance(0.4) ? r.pick(HNTE_FIELDS) : null,
    contact,
  };
  const out = [appendOn(ids, streamId, registeredOn, self, [{ type: 'EnterpriseRegistered', data }])];
  // Changes fall before 20 December, so a deregistration (28 December) is always the stream's last event.
  const later = (from: string) => minDate(addDays(from, r.int(10, 200)), `${year}-12-20`);
  if (r.chance(0.1)) {
    const phone = `0${r.int(310, 399)}-${r.int(2_000_000, 8_999_999)}`;
    out.push(
      appendOn(ids, streamId, later(registeredOn), self, [
        { type: 'EnterpriseProfileUpdated', data: { uscc, contact: { ...contact, phone } } },
      ]),
    );
  }
  if (r.chance(0.02)) {
    const on = later(registeredOn);
    const data = { uscc, previousName: name, newName: `${name.slice(0, -4)}集团有限公司`, effectiveOn: on };
    out.push(appendOn(ids, streamId, on, self, [{ type: 'EnterpriseRenamed', data }]));
  }
  if (r.chance(0.01)) out.push(...sanction(r, ids, streamId, slot, later(registeredOn), year));
  if (!slot.evaluates && r.chance(0.005)) {
    const on = `${year}-12-28`;
    const data = { uscc, effectiveOn: on, reason: '企业申请注销登记' };
    out.push(
      appendOn(ids, streamId, on, countyActor(slot.county.code), [{ type: 'EnterpriseDeregistered', data }]),
    );
  }
  return sortByTime(out);
}

function sanction(
  r: Rng,
  ids: Rng,
  streamId: string,
  slot: EnterpriseSlot,
  on: string,
  year: number,
): Append[] {
  const sanctionId = `sanction-${slot.uscc}-${year}`;
  const county = countyActor(slot.county.code);
  const recorded = {
    uscc: slot.uscc,
    sanctionId,
    kind: r.pick(SANCTION_KINDS),
    occurredOn: on,
    reference: `行政处罚决定书 ${slot.county.code}-${year}-${slot.serial}`,
  };
  const out = [appendOn(ids, streamId, on, county, [{ type: 'SanctionRecorded', data: recorded }])];
  if (r.chance(0.33)) {
    const liftedOn = minDate(addDays(on, r.int(30, 120)), `${year}-12-20`);
    const data = { uscc: slot.uscc, sanctionId, liftedOn, reason: '信用修复完成' };
    out.push(appendOn(ids, streamId, liftedOn, county, [{ type: 'SanctionLifted', data }]));
  }
  return out;
}

/** Appends of one stream in time order (a stream's versions follow its business time). */
export function sortByTime(appends: Append[]): Append[] {
  return appends.sort((a, b) => a.at.getTime() - b.at.getTime());
}
