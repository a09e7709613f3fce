import { Writable } from 'node:stream';
import { enterpriseStreamId } from '@peiyu/contracts';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import {
  IdempotencyStore,
  KeyedSerialiser,
  ProjectionCatalog,
  StoreProjector,
  writeDocs,
  type EventEnvelope,
} from '@peiyu/eventstore';
import { createLogger, readSheet, TABLE_MEDIA_TYPES, tableXlsx } from '@peiyu/service-kit';
import request from 'supertest';
import { buildStatisticsApp } from './app';
import { IMPORT_HEADERS } from './commands/import-indicators/template';
import type { SourceEvent } from './domain';
import { certified, entered, registered, usccOf, YUEYANG, YY_COUNTIES } from './domain/test-support/fixtures';
import type { StatisticsDeps } from './http/deps';
import { ReadModels } from './read-models/read-models';
import { SOURCE_EVENTS, sourceEventsProjection, type SourceEventsDoc } from './read-models/source-events';
import { createRegions } from './regions';
import { ownProjections } from './wiring';

// In-process API specs over the in-memory event store: own read models from the store; the other services'
// events seeded as the Kafka consumer would write them. The journey through the stack is the e2e suite's.
let h: ApiHarness;
let reads: ReadModels;
let app: ReturnType<typeof buildStatisticsApp>;
const PDS = '410400'; // 平顶山市
const C = { 新华区: '410402', 卫东区: '410403', 湛河区: '410411', 宝丰县: '410421' } as const;
const RUZHOU = '410482'; // 汝州市: 省直管县, reports to the province
const city = { role: 'city_reviewer' as const, region: PDS };
const province = { role: 'province_reviewer' as const, region: '410000' };
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const otherCity = { role: 'city_reviewer' as const, region: '411700' };

let streamSerial = 0;
/**
 * Writes source events as the Kafka consumer does: one document per source stream, keyed by the stream's id —
 * an enterprise's registry events share its stream (enterpriseStreamId), which a title grant reads alone.
 */
async function seed(db: ApiHarness['db'], events: SourceEvent[]): Promise<void> {
  const coll = await new ProjectionCatalog(db).live(SOURCE_EVENTS);
  const { apply } = sourceEventsProjection();
  for (const e of events) {
    const envelope = { type: e.type, data: e.data, recordedAt: e.recordedAt } as unknown as EventEnvelope;
    const _id = e.type.startsWith('Enterprise')
      ? enterpriseStreamId((e.data as { uscc: string }).uscc)
      : `source-${++streamSerial}`;
    const from = (await coll.findOne({ _id: _id as never })) as unknown as
      (SourceEventsDoc & { _v: number }) | null;
    const doc = apply(from ?? undefined, envelope)!;
    await writeDocs(
      coll,
      new Map([[_id, { from: from?._v, doc: { ...doc, _id, _v: (from?._v ?? 0) + 1 } }]]),
    );
  }
}

beforeAll(async () => {
  h = await apiHarness('2021-04-02T01:00:00Z');
  const regions = createRegions();
  const projector = new StoreProjector({
    store: h.store,
    db: h.db,
    projections: ownProjections({ regions }),
  });
  await projector.start();
  const deps: StatisticsDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock),
    clock: h.clock,
    serialiser: new KeyedSerialiser(),
    projector,
    reads: (reads = new ReadModels(projector, new ProjectionCatalog(h.db))),
    regions,
    logger: createLogger('statistics-test', {}, new Writable({ write: (_c, _e, done) => done() })),
    afterAppend: () => projector.catchUp(),
  };
  app = buildStatisticsApp(deps, h.verifier);
  // Q1 2021 entries: 新华区 3, 卫东区 2, 湛河区 1, 宝丰县 0; one certificate in 卫东区.
  const ents = [
    ...[1, 2, 3].map((n) => [usccOf(C.新华区, n), C.新华区] as const),
    ...[4, 5].map((n) => [usccOf(C.卫东区, n), C.卫东区] as const),
    [usccOf(C.湛河区, 6), C.湛河区] as const,
  ];
  await seed(h.db, [
    ...ents.map(([u, c]) => registered(u, c)),
    ...ents.map(([u, c]) => entered(u, c, '2021-02-10')),
    certified(usccOf(C.卫东区, 4), '2021-03-01'),
  ]);
}, 30_000);
afterAll(() => h.close());

const call = (method: 'get' | 'post' | 'put', path: string, who: object | null, payload?: object) => {
  let r = request(app)[method](path);
  if (who) r = r.set(h.as(who as never));
  return payload === undefined ? r : r.send(payload);
};
const targets = (n: number, reason: string | null = null) => ({
  targets: {
    newTechSmesEntered: n,
    newHnteCertified: 2,
    validHnte: null,
    techContractTurnoverYuan: '5000000',
    innovationPlatforms: 1,
  },
  reference: '平顶山市2021年科技创新工作要点（示例）',
  reason,
});

describe('yearly targets per county (versioned, who and when)', () => {
  it('sets, repeats unchanged, refuses a change without a reason, keeps every version', async () => {
    const path = `/v1/county-targets/${C.新华区}/2021`;
    const first = await call('put', path, city, targets(30));
    expect([first.status, first.headers['etag'], first.body.targetVersion]).toEqual([201, '"1"', 1]);
    expect(first.body.targets.techContractTurnoverFen).toBe(500_000_000);
    expect(first.body.setBy).toMatchObject({ role: 'city_reviewer', region: PDS });
    expect((await call('put', path, city, targets(30))).status).toBe(200);
    const noReason = await call('put', path, city, targets(35)).set('Accept-Language', 'zh-CN');
    expect([noReason.status, noReason.body.code, noReason.body.detail]).toEqual([
      400,
      'targets.reason-required',
      '修改目标须说明理由',
    ]);
    const changed = await call('put', path, city, targets(35, '市里追加任务'));
    expect([changed.status, changed.body.targetVersion, changed.body.history.length]).toEqual([200, 2, 2]);
    const read = await call('get', path, county(C.新华区));
    expect([read.status, read.headers['etag'], read.body.targets.newTechSmesEntered]).toEqual([
      200,
      '"2"',
      35,
    ]);
    for (const c of [C.卫东区, C.湛河区, C.宝丰县]) {
      expect((await call('put', `/v1/county-targets/${c}/2021`, city, targets(20))).status).toBe(201);
    }
  });

  it('refuses a county, another city, and a city over its 省直管县 (the province sets those)', async () => {
    const path = `/v1/county-targets/${C.新华区}/2021`;
    const byCounty = await call('put', path, county(C.新华区), targets(1));
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
    const byOther = await call('put', path, otherCity, targets(1));
    expect([byOther.status, byOther.body.code]).toEqual([403, 'outside_region']);
    const ruzhou = `/v1/county-targets/${RUZHOU}/2021`;
    expect((await call('put', ruzhou, city, targets(1))).body.code).toBe('outside_region');
    const byProvince = await call('put', ruzhou, province, targets(10));
    expect([byProvince.status, byProvince.body.cityCode]).toEqual([201, '410000']);
  });

  it('lists the latest targets of the region, paginated; a county sees only its own', async () => {
    const all = await call('get', '/v1/county-targets?year=2021&pageSize=2', city);
    expect([all.status, all.body.total, all.body.items.length, all.body.page]).toEqual([200, 4, 2, 1]);
    const own = await call('get', '/v1/county-targets?year=2021', county(C.卫东区));
    expect(own.body.items.map((i: { countyCode: string }) => i.countyCode)).toEqual([C.卫东区]);
    const wider = await call('get', `/v1/county-targets?region=${PDS}`, county(C.卫东区));
    expect([wider.status, wider.body.code]).toEqual([403, 'outside_region']);
  });
});

describe('quarterly indicator reports (county bureaus; corrections are new versions)', () => {
  const path = (c: string, q = 1) => `/v1/indicator-reports/${c}/2021/${q}`;
  const report = (yuan: string, extra: object = {}) => ({
    techContractTurnoverYuan: yuan,
    provincialPlatforms: 1,
    cityPlatforms: 0,
    evidence: ['技术合同登记证明（示例）'],
    ...extra,
  });

  it('records turnover in fen, refuses another county and a correction without a reason', async () => {
    const first = await call('put', path(C.新华区), county(C.新华区), report('1250000.50'));
    expect([first.status, first.body.techContractTurnoverFen, first.body.channel]).toEqual([
      201,
      125_000_050,
      'form',
    ]);
    const other = await call('put', path(C.新华区), county(C.卫东区), report('1'));
    expect([other.status, other.body.code]).toEqual([403, 'outside_region']);
    const bad = await call('put', path(C.新华区), county(C.新华区), report('1.234'));
    expect(bad.status).toBe(400);
    const noReason = await call('put', path(C.新华区), county(C.新华区), report('1300000'));
    expect(noReason.body.code).toBe('indicators.reason-required');
    const corrected = await call(
      'put',
      path(C.新华区),
      county(C.新华区),
      report('1300000', { correctionReason: '漏报一份合同' }),
    );
    expect([corrected.status, corrected.body.reportVersion, corrected.body.history.length]).toEqual([
      200, 2, 2,
    ]);
    const notStarted = await call('put', path(C.新华区, 3), county(C.新华区), report('1'));
    expect([notStarted.status, notStarted.body.code]).toEqual([409, 'indicators.quarter-not-started']);
  });

  it('imports the CSV template: all rows authorised first, each decided like the form', async () => {
    const header =
      '县（市、区）代码,年度,季度,技术合同成交额（元）,省级创新平台（个）,市级创新平台（个）,佐证材料,更正原因';
    const csv = `\uFEFF${header}\r\n${C.卫东区},2021,1,800000,2,1,"合同登记表；平台认定文件",\r\n`;
    const imported = await call('post', '/v1/indicator-reports/import', county(C.卫东区), { csv });
    expect(imported.status).toBe(200);
    expect(imported.body.rows).toEqual([
      expect.objectContaining({ line: 2, countyCode: C.卫东区, outcome: 'recorded', version: 1 }),
    ]);
    const again = await call('post', '/v1/indicator-reports/import', county(C.卫东区), { csv });
    expect(again.body.rows[0].outcome).toBe('unchanged');
    const read = await call('get', path(C.卫东区), city);
    expect([read.body.channel, read.body.evidence, read.body.techContractTurnoverYuan]).toEqual([
      'import',
      ['合同登记表', '平台认定文件'],
      '800000.00',
    ]);
    const foreign = `${header}\n${C.卫东区},2021,2,1,0,0,证明,\n${C.湛河区},2021,1,1,0,0,证明,\n`;
    const refused = await call('post', '/v1/indicator-reports/import', county(C.卫东区), { csv: foreign });
    expect([refused.status, refused.body.code]).toEqual([403, 'outside_region']);
    const malformed = await call('post', '/v1/indicator-reports/import', county(C.卫东区), {
      csv: 'a,b\n1,2',
    });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'indicators.import-format']);
    const own = await call('get', '/v1/indicator-reports?year=2021', county(C.卫东区));
    expect(own.body.items.map((i: { countyCode: string }) => i.countyCode)).toEqual([C.卫东区]);
  });

  it('imports the template saved as XLSX; a malformed workbook is refused naming its line', async () => {
    // A clerk's workbook as the kit writes tables: a title row, the template's header, one row per report.
    const sheet = (rows: Array<Record<string, string | number>>) =>
      tableXlsx({
        title: '卫东区2021年第一季度科技创新指标报送',
        columns: IMPORT_HEADERS.map((label) => ({ key: label, label })),
        rows,
      });
    const row = {
      '县（市、区）代码': C.卫东区,
      年度: 2021,
      季度: 1,
      '技术合同成交额（元）': 800000,
      '省级创新平台（个）': 2,
      '市级创新平台（个）': 1,
      佐证材料: '合同登记表；平台认定文件；补充说明',
      更正原因: '补充佐证材料',
    };
    const xlsx = (await sheet([row])).toString('base64');
    const imported = await call('post', '/v1/indicator-reports/import', county(C.卫东区), { xlsx });
    expect(imported.status).toBe(200);
    expect(imported.body.rows).toEqual([
      expect.objectContaining({ line: 3, countyCode: C.卫东区, outcome: 'recorded', version: 2 }),
    ]);
    const read = await call('get', `/v1/indicator-reports/${C.卫东区}/2021/1`, city);
    expect([read.body.evidence, read.body.techContractTurnoverYuan]).toEqual([
      ['合同登记表', '平台认定文件', '补充说明'],
      '800000.00',
    ]);
    // Line 4 (title 1, header 2, rows from 3): a turnover that is not yuan. Nothing of the file is recorded.
    const wrong = (await sheet([row, { ...row, 季度: 2, '技术合同成交额（元）': '八十万' }])).toString(
      'base64',
    );
    const malformed = await call('post', '/v1/indicator-reports/import', county(C.卫东区), { xlsx: wrong });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'indicators.import-format']);
    expect(malformed.body.detail).toMatch(/line 4: turnover "八十万" is not yuan/);
    const q2 = await call('get', `/v1/indicator-reports/${C.卫东区}/2021/2`, city);
    expect(q2.status).toBe(404);
    // Not a workbook at all.
    const junk = Buffer.from('not a workbook').toString('base64');
    const unreadable = await call('post', '/v1/indicator-reports/import', county(C.卫东区), { xlsx: junk });
    expect([unreadable.status, unreadable.body.code]).toEqual([400, 'indicators.import-format']);
    expect(unreadable.body.detail).toMatch(/line 1: not a readable XLSX workbook/);
  });
});

describe('counts from events, as of any date', () => {
  it('counts entries and certificates per county of the city, zeros listed', async () => {
    const r = await call('get', `/v1/county-counts?year=2021&quarter=1&region=${PDS}&pageSize=100`, city);
    expect(r.status).toBe(200);
    const by = new Map(r.body.items.map((i: { countyCode: string }) => [i.countyCode, i]));
    expect(by.get(C.新华区)).toMatchObject({ techSmesEntered: 3, validTechSmes: 3, countyName: '新华区' });
    expect(by.get(C.卫东区)).toMatchObject({ techSmesEntered: 2, hnteCertified: 1, validHnte: 1 });
    expect(by.get(C.宝丰县)).toMatchObject({ techSmesEntered: 0 });
    expect(by.has(RUZHOU)).toBe(false); // 省直管县: not the city's
    const early = await call(
      'get',
      `/v1/county-counts?year=2021&quarter=1&asOf=2021-02-01&region=${C.新华区}`,
      city,
    );
    expect(early.body.items[0]).toMatchObject({ countyCode: C.新华区, techSmesEntered: 0 });
    const period = await call(
      'get',
      `/v1/county-counts?from=2021-01-01&to=2021-05-31&region=${C.新华区}`,
      county(C.新华区),
    );
    expect(period.body.items[0].techSmesEntered).toBe(3);
    expect((await call('get', '/v1/county-counts?year=2021', city)).status).toBe(400);
  });
});

describe('ranking: method, publication, bulletin, 约谈 across quarters', () => {
  const method = {
    method: {
      kind: 'weighted',
      weights: [
        { indicator: 'newTechSmesEntered', weight: 50 },
        { indicator: 'techContractTurnoverFen', weight: 50 },
      ],
    },
    tieRule: { indicators: ['newHnteCertified'], finally: 'county_code' },
  };

  it('refuses a ranking before the method is set, then publishes with ⌊n/2⌋ groups and 汝州 excluded', async () => {
    const early = await call('post', `/v1/rankings/${PDS}/2021/1/publish`, city, {});
    expect([early.status, early.body.code]).toEqual([409, 'ranking.no-method']);
    expect((await call('put', `/v1/ranking-methods/${PDS}/2021`, city, method)).status).toBe(201);
    const byCounty = await call('post', `/v1/rankings/${PDS}/2021/1/publish`, county(C.新华区), {});
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
    const published = await call('post', `/v1/rankings/${PDS}/2021/1/publish`, city, {});
    expect([published.status, published.headers['location']]).toEqual([201, `/v1/rankings/${PDS}/2021/1`]);
    expect(published.body.groupSize).toBe(2); // four counties: ⌊4/2⌋
    expect(published.body.rows.map((r: { countyCode: string }) => r.countyCode)).toEqual([
      C.新华区,
      C.卫东区,
      C.湛河区,
      C.宝丰县,
    ]);
    expect(published.body.rows.map((r: { mark: string | null }) => r.mark)).toEqual([
      'top',
      'top',
      'bottom',
      'bottom',
    ]);
    expect(published.body.excluded).toEqual([
      { countyCode: RUZHOU, reason: 'provincially_administered', countyName: '汝州市' },
    ]);
    const again = await call('post', `/v1/rankings/${PDS}/2021/1/publish`, city, {});
    expect([again.status, again.body.rankingVersion]).toEqual([200, 1]); // nothing changed: no new version
  });

  it('lets a county read its city’s ranking and bulletin, not another city’s', async () => {
    const read = await call('get', `/v1/rankings/${PDS}/2021/1`, county(C.宝丰县));
    expect([read.status, read.body.rows[3].countyName]).toEqual([200, '宝丰县']);
    const outsider = await call('get', `/v1/rankings/${PDS}/2021/1`, county('411702'));
    expect([outsider.status, outsider.body.code]).toEqual([403, 'outside_region']);
    const list = await call('get', '/v1/rankings', county(C.宝丰县));
    expect(list.body.items).toEqual([
      expect.objectContaining({ areaCode: PDS, quarter: 1, bottom: [C.湛河区, C.宝丰县] }),
    ]);
    const md = await call('get', `/v1/rankings/${PDS}/2021/1/bulletin?format=markdown`, county(C.宝丰县));
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('# 平顶山市2021年第一季度科技创新工作通报');
    expect(md.text).toMatch(/\| 1 \| 新华区 \|.*\| 通报表扬 \|/);
    expect(md.text).toContain('汝州市为省直管县，不参加本市排名。');
    const csv = await call('get', `/v1/rankings/${PDS}/2021/1/bulletin?format=csv`, city);
    expect(
      csv.text.startsWith('\uFEFF平顶山市2021年第一季度科技创新工作通报\r\n排名,县（市、区）,综合得分'),
    ).toBe(true);
    expect(csv.text).toContain('技术合同成交额（万元）');
    const xlsx = await call('get', `/v1/rankings/${PDS}/2021/1/bulletin?format=xlsx`, city)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.headers['content-type']).toBe(TABLE_MEDIA_TYPES.xlsx);
    expect(xlsx.headers['content-disposition']).toContain('bulletin-410400-2021-q1-v1.xlsx');
    const book = await readSheet(xlsx.body as Buffer, 'xlsx');
    // The XLSX reader drops a row's trailing empty cells (here the empty 约谈 column); the CSV keeps them.
    const trimmed = (r: string[]) => r.slice(0, r.findLastIndex((f) => f !== '') + 1);
    const fromCsv = (await readSheet(Buffer.from(csv.text, 'utf8'), 'csv')).map(trimmed);
    expect(book[0]).toEqual(['平顶山市2021年第一季度科技创新工作通报']);
    expect(book[1]!.slice(0, 3)).toEqual(['排名', '县（市、区）', '综合得分']);
    expect(book[2]!.slice(0, 2)).toEqual(['1', '新华区']);
    // The same table as the CSV, cell for cell (the whole-number rank written as a number, read back as text).
    expect(book).toEqual(fromCsv);
    const json = await call('get', `/v1/rankings/${PDS}/2021/1/bulletin`, city);
    expect(json.body.rows[0]).toMatchObject({
      rank: 1,
      county: '新华区',
      techContractTurnoverFen: '130',
      mark: '通报表扬',
    });
  });

  it('recomputes the published quarter from the events known at its knownAt: the same figures', async () => {
    await seed(h.db, [entered(usccOf(C.宝丰县, 7), C.宝丰县, '2021-03-20', '2021-04-05T00:00:00.000Z')]);
    const check = await call('get', `/v1/rankings/${PDS}/2021/1/recomputed`, city);
    expect(check.body).toMatchObject({ matches: true, differences: [] });
    // The late entry counts now, and not as known at the publication's instant.
    const q1 = `/v1/county-counts?year=2021&quarter=1&region=${C.宝丰县}`;
    const knownAt = encodeURIComponent(check.body.knownAt);
    expect((await call('get', q1, city)).body.items[0].techSmesEntered).toBe(1);
    expect((await call('get', `${q1}&knownAt=${knownAt}`, city)).body.items[0].techSmesEntered).toBe(0);
    // Now known: a correction of the quarter is a new version that says what changed.
    h.clock.set('2021-04-06T02:00:00Z');
    const noReason = await call('post', `/v1/rankings/${PDS}/2021/1/publish`, city, {});
    expect(noReason.body.code).toBe('ranking.reason-required');
    const corrected = await call('post', `/v1/rankings/${PDS}/2021/1/publish`, city, {
      reason: '补录宝丰县入库企业',
    });
    expect([corrected.status, corrected.body.rankingVersion]).toEqual([200, 2]);
    expect(corrected.body.correction.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          countyCode: C.宝丰县,
          field: 'figures.newTechSmesEntered',
          from: 0,
          to: 1,
        }),
      ]),
    );
    const v1 = await call('get', `/v1/rankings/${PDS}/2021/1?version=1`, city);
    expect([v1.body.rankingVersion, v1.body.versions]).toEqual([1, 2]);
  });

  it('flags 约谈 for a county in the bottom group two quarters in a row', async () => {
    h.clock.set('2021-07-02T02:00:00Z');
    const q2 = await call('post', `/v1/rankings/${PDS}/2021/2/publish`, city, {});
    expect(q2.status).toBe(201);
    const talk = q2.body.rows
      .filter((r: { talk: boolean }) => r.talk)
      .map((r: { countyCode: string }) => r.countyCode);
    const q1 = (await call('get', `/v1/rankings/${PDS}/2021/1`, city)).body;
    const bottomQ1 = q1.rows
      .filter((r: { mark: string }) => r.mark === 'bottom')
      .map((r: { countyCode: string }) => r.countyCode);
    const bottomQ2 = q2.body.rows
      .filter((r: { mark: string }) => r.mark === 'bottom')
      .map((r: { countyCode: string }) => r.countyCode);
    expect(talk).toEqual(bottomQ2.filter((c: string) => bottomQ1.includes(c)));
    expect(talk.length).toBeGreaterThan(0);
    const md = await call('get', `/v1/rankings/${PDS}/2021/2/bulletin?format=markdown`, city);
    expect(md.text).toContain('| 约谈 |');
  });
});

describe('titles and the ladder', () => {
  it('records a title granted by the city and shows the enterprise on the ladder', async () => {
    const uscc = usccOf(C.新华区, 1);
    const folds = reads.folds;
    const granted = await call('post', `/v1/enterprise-titles/${uscc}/grants`, city, {
      titleCode: 'gazelle',
      level: 'city',
      reference: '平科〔2021〕8号（示例）',
    });
    expect([granted.status, granted.body.grants[0].titleName]).toEqual([201, '瞪羚企业']);
    // The grant read its enterprise's own source document, not every enterprise's facts (issue 19 §2).
    expect(reads.folds).toBe(folds);
    const outsider = await call('post', `/v1/enterprise-titles/${uscc}/grants`, otherCity, {
      titleCode: 'gazelle',
      level: 'city',
      reference: '驻科〔2021〕1号（示例）',
    });
    expect([outsider.status, outsider.body.code]).toEqual([403, 'outside_region']);
    const stages = await call('get', `/v1/ladder-stages?asOf=2021-07-02&region=${C.新华区}`, city);
    expect(stages.body.items[0]).toMatchObject({
      countyCode: C.新华区,
      stages: { micro_growth: 2, small_to_high: 0, high_to_strong: 1 },
    });
    const moves = await call('get', `/v1/ladder-movements?from=2021-07-01&to=2021-07-02&region=${PDS}`, city);
    expect(moves.body.items[0]).toMatchObject({
      countyCode: C.新华区,
      upCounts: { 'micro_growth→high_to_strong': 1 },
    });
    expect((await call('get', '/v1/ladders/430000', city)).status).toBe(404);
  });
});

describe('counts as of a date at a province’s volume', () => {
  it('folds the sources once per state, not per request; a late event is folded in at the next read', async () => {
    // 50,000 entries in 2019 (Henan's yearly volume is ≈ 50,000 evaluations), as the consumer stores them: one
    // document per source stream (2,000 events each, like a province's monthly batch stream).
    const counties = Object.values(YY_COUNTIES);
    const coll = await new ProjectionCatalog(h.db).live(SOURCE_EVENTS);
    const docs = [];
    for (let d = 0; d < 25; d++) {
      const ids = Array.from({ length: 2000 }, (_, i) => d * 2000 + i + 1);
      const where = (n: number) => counties[n % counties.length]!;
      const day = (n: number) =>
        `2019-${String(4 + (n % 3)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
      docs.push({
        _id: `bulk-entered-${d}`,
        _v: 2000,
        events: ids.map((n) => entered(usccOf(where(n), n), where(n), day(n))),
      });
    }
    await coll.insertMany(docs as never[]);
    const q = `/v1/county-counts?year=2019&quarter=2&region=${YUEYANG}&pageSize=100`;
    const total = (r: { body: { items: Array<{ techSmesEntered: number }> } }) =>
      r.body.items.reduce((n, i) => n + i.techSmesEntered, 0);
    const folds = reads.folds;
    let t = performance.now();
    const first = await call('get', q, { role: 'city_reviewer', region: YUEYANG });
    const firstMs = performance.now() - t;
    expect([first.status, total(first)]).toEqual([200, 50_000]);
    expect(reads.folds).toBe(folds + 1);
    t = performance.now();
    const again = await call('get', q, { role: 'city_reviewer', region: YUEYANG });
    const asOf = await call('get', `${q}&asOf=2019-05-15`, { role: 'city_reviewer', region: YUEYANG });
    const memoMs = (performance.now() - t) / 2;
    expect(total(again)).toBe(50_000);
    expect(total(asOf)).toBeGreaterThan(0);
    expect(total(asOf)).toBeLessThan(50_000);
    expect(reads.folds).toBe(folds + 1); // nothing changed: the same fold serves every date
    // A late delivery: recorded in 2019, arriving now. The mark moves; the next read folds it in.
    const late = usccOf(YY_COUNTIES.岳阳楼区, 99_001);
    await seed(h.db, [
      registered(late, YY_COUNTIES.岳阳楼区),
      entered(late, YY_COUNTIES.岳阳楼区, '2019-06-30'),
    ]);
    // Three requests at once after the change share one fold (each would otherwise hold every event).
    const [after] = await Promise.all([
      call('get', q, { role: 'city_reviewer', region: YUEYANG }),
      call('get', q, { role: 'city_reviewer', region: YUEYANG }),
      call('get', q, { role: 'city_reviewer', region: YUEYANG }),
    ]);
    expect(total(after!)).toBe(50_001);
    expect(reads.folds).toBe(folds + 2);
    console.log(
      `counts at 50,000 source events: first read ${Math.round(firstMs)} ms, then ${Math.round(memoMs)} ms`,
    );
    expect(memoMs).toBeLessThan(firstMs);
  }, 120_000);
});
