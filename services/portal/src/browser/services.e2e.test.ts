import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stackClient } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';
import { describeWithCommand } from '@peiyu/testkit';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_HINT, type PortalStack, startPortalStack } from './harness';

// The pages of certification, subsidy, statistics and audit, each visited by its user in one journey against
// the local stack: the enterprise applies for HNTE recognition (the pre-check condition by condition), the
// county recommends, the province draws the panel, an expert scores within the allowed ranges, the province
// runs the 公示 and certifies; the certificate's awards reach the enterprise and its county's finance approves
// and pays; the city's dashboard and the auditor's timeline show it all. Set-up a user would not do in a
// browser (the batch, the expert pool, the example policies, targets, other experts' sheets) goes over HTTP.
const repoRoot = join(__dirname, '..', '..', '..', '..');
const E = exampleUscc('410402', 8801); // the demo enterprise of the sign-in page (平顶山市新华区)
const NAME = '平顶山市新华区示例高新材料有限公司';
const BATCH = '41-2026-1';
const APP = `/v1/hnte-applications/${BATCH}/${E}`;
const province = { role: 'province_reviewer' as const, region: '410000' };
const city = { role: 'city_reviewer' as const, region: '410400' };
const county = { role: 'county_reviewer' as const, region: '410402' };
const EXPERTS = ['E-01', 'E-02', 'E-03', 'E-04', 'F-01']; // exactly a panel: four technical, one financial
const OK = /^确\s*定$|^OK$/;

let s: PortalStack;
const call = (service: string) => stackClient(s.home, () => s.url(service)).call;

/** Picks an option of the antd Select labelled `label` (the listbox is rendered at the page's end). */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Clicks a Popconfirm's button and confirms. */
async function confirm(page: Page, button: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: button }).first().click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: OK }).click();
}

describeWithCommand(
  'the portal in a browser: HNTE, subsidies, dashboard, audit',
  CHROMIUM,
  () => {
    let ent: Page;
    let prov: Page;

    beforeAll(async () => {
      // Monday 1 June 2026: the batch window is open and Q1 has ended (its ranking can be published).
      s = await startPortalStack({
        name: 'portal-services-e2e',
        only: ['registry', 'assessment', 'certification', 'subsidy', 'audit', 'statistics'],
        clockAt: new Date('2026-06-01T09:00:00+08:00'),
      });
      const reg = await call('registry')('POST', '/v1/enterprises', county, {
        uscc: E,
        name: NAME,
        countyCode: '410402',
        foundedOn: '2015-03-01',
        hnteField: 'new_materials',
        contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
      });
      expect(reg.status).toBe(201);
      const cert = call('certification');
      const batch = await cert(
        'POST',
        '/v1/hnte-batches',
        { role: 'admin' },
        {
          batchId: BATCH,
          provinceCode: '410000',
          year: 2026,
          title: '2026年第一批',
          applicationOpensOn: '2026-06-01',
          applicationClosesOn: '2026-06-30',
          recommendationDueOn: '2026-07-15',
        },
      );
      expect(batch.status).toBe(201);
      for (const id of EXPERTS) {
        const r = await cert('POST', '/v1/hnte-expert-pools/410000/experts', province, {
          expertId: id,
          name: `专家${id}`,
          organisation: { name: id.startsWith('F') ? '某会计师事务所' : '郑州大学', uscc: null },
          expertise: id.startsWith('F')
            ? { kind: 'financial' }
            : { kind: 'technical', fields: ['new_materials'] },
        });
        expect(r.status).toBe(201);
      }
      // The example award policies, published with the subsidy CLI as an operator would.
      const files = ['hnte-award-city', 'hnte-award-county'].flatMap((f) => [
        '--file',
        join(repoRoot, 'services', 'subsidy', 'policies', `${f}.example.json`),
      ]);
      await promisify(execFile)(
        process.execPath,
        [
          join(repoRoot, 'services', 'subsidy', 'dist', 'cli', 'policy.js'),
          'publish',
          ...files,
          '--url',
          s.url('subsidy'),
        ],
        { env: { ...process.env, PEIYU_HOME: s.home, PEIYU_MODE: 'local' } },
      );
      // The city's targets and ranking method, and the Q1 ranking.
      const stats = call('statistics');
      for (const c of ['410402', '410403']) {
        const r = await stats('PUT', `/v1/county-targets/${c}/2026`, city, {
          targets: {
            newTechSmesEntered: 10,
            newHnteCertified: 2,
            validHnte: null,
            techContractTurnoverYuan: '3000000',
            innovationPlatforms: null,
          },
          reference: '平顶山市2026年科技创新目标',
        });
        expect(r.status).toBe(201);
      }
      const method = await stats('PUT', '/v1/ranking-methods/410400/2026', city, {
        method: {
          kind: 'weighted',
          weights: [
            { indicator: 'newTechSmesEntered', weight: 60 },
            { indicator: 'newHnteCertified', weight: 40 },
          ],
        },
      });
      expect(method.status).toBe(201);
      expect((await stats('POST', '/v1/rankings/410400/2026/1/publish', city, {})).status).toBe(201);
    }, 300_000);

    afterAll(async () => {
      await s?.stop();
    }, 60_000);

    let step = 0;
    afterEach(async () => {
      step += 1;
      const state = expect.getState();
      if (state.assertionCalls > state.numPassingAsserts) console.log(s.logs.slice(-40).join('\n'));
      await s?.shootAll(String(step));
    });

    it('the enterprise fills the HNTE form and sees the pre-check condition by condition', async () => {
      ent = await s.open('/sign-in');
      await s.signIn(ent, '企业（平顶山市新华区）');
      await ent.goto(s.portal + '/enterprise/hnte');
      await choose(ent, '批次', '2026年第一批');
      await choose(ent, '技术领域', '新材料');
      await ent.getByLabel('职工总数', { exact: true }).fill('100');
      await ent.getByLabel('科技人员数', { exact: true }).fill('20');
      await ent.getByRole('button', { name: '添加年度' }).click();
      await ent.getByRole('button', { name: '添加年度' }).click();
      const M = 1_000_000;
      const years = [
        { year: 2023, sales: 25, rd: 1_500_000, assets: 40 * M, conv: 3 },
        { year: 2024, sales: 30, rd: 1_800_000, assets: 44 * M, conv: 4 },
        { year: 2025, sales: 36, rd: 2_200_000, assets: 48.8 * M, conv: 5 },
      ];
      for (const [n, y] of years.entries()) {
        const fill = (label: string, v: number) =>
          ent.getByLabel(`${n + 1}. ${label}`, { exact: true }).fill(String(v));
        await fill('年度', y.year);
        await fill('销售收入（元）', y.sales * M);
        await fill('总收入（元）', (y.sales + 1) * M);
        await fill('成本费用（元）', y.sales * M * 0.7);
        await fill('境内研发费用（元）', y.rd);
        await fill('境外研发费用（元）', 0);
        await fill('资产总额（元）', y.assets);
        await fill('负债总额（元）', 20 * M);
        await fill('高新技术产品（服务）收入（元）', y.sales * M * 0.8);
        await fill('成果转化（项）', y.conv);
      }
      await choose(ent, 'IP 1. 类别', '发明专利');
      await ent.getByLabel('IP 1. 授权号').fill('ZL201910000001.X');
      await choose(ent, 'IP 1. 分类', 'Ⅰ类');
      await choose(ent, 'IP 1. 获得方式', '自主研发');
      await ent
        .getByLabel('企业创新能力自评')
        .fill('自主研发新型复合材料，拥有核心发明专利，研发投入持续增长。');
      await ent.getByLabel('专项审计报告').fill('audit/2026/rd.pdf\naudit/2026/high-tech-revenue.pdf');
      // The registry's event reaches certification through Kafka: until then the draft is refused; submit again.
      for (let attempt = 0; attempt < 20; attempt++) {
        await ent.getByRole('button', { name: '保存并提交' }).click();
        const outcome = await Promise.race([
          ent
            .getByTestId('precheck')
            .waitFor({ timeout: 10_000 })
            .then(
              () => 'done',
              () => 'timeout',
            ),
          ent
            .locator('.ant-alert-error')
            .first()
            .waitFor({ timeout: 10_000 })
            .then(
              () => 'refused',
              () => 'timeout',
            ),
        ]);
        if (outcome === 'done') break;
        await ent.waitForTimeout(1000);
      }
      await ent.getByTestId('hnte-status').getByText('已提交，待县级审核').waitFor();
      await ent.getByTestId('precheck').getByText('（四）科技人员占职工总数比例不低于10%').waitFor();
      await ent.getByTestId('precheck').getByText('符合', { exact: true }).first().waitFor();
      await s.shot(ent, '20-enterprise-hnte-precheck');
    }, 120_000);

    it('the county recommends it', async () => {
      const page = await s.open('/sign-in');
      await s.signIn(page, '县级审核员（新华区科技局）');
      await page.goto(s.portal + '/county/hnte');
      await page.getByRole('cell', { name: E }).waitFor();
      await s.shot(page, '21-county-hnte-recommendations');
      await page.getByRole('button', { name: /^审\s*核$/ }).click();
      await page.locator('.ant-modal').getByTestId('precheck').waitFor();
      await page.getByLabel('意见').fill('材料齐全，同意推荐');
      await page.getByRole('button', { name: /^推\s*荐$/ }).click();
      await page.getByText('操作成功').first().waitFor();
    }, 60_000);

    it('the province draws the panel; an expert scores within the allowed ranges', async () => {
      prov = await s.open('/sign-in');
      await s.signIn(prov, '省级审核员（河南省科技厅）');
      await prov.goto(s.portal + '/province/hnte');
      await prov.getByRole('cell', { name: E }).waitFor();
      await confirm(prov, '抽取专家');
      await prov.getByRole('cell', { name: '专家评审中' }).waitFor();

      const expert = await s.open('/sign-in');
      await s.signIn(expert, '评审专家（专家库 E-01）');
      await expert.getByRole('cell', { name: E }).waitFor();
      await expert.getByRole('button', { name: /^评\s*分$/ }).click();
      const sheet = expert.getByTestId('score-sheet');
      const conversion = sheet.getByLabel(/^科技成果转化能力（允许范围 \d+–\d+）$/);
      await conversion.waitFor();
      // Out of its data-derived range: refused as typed, with the range named.
      const label = (await sheet.locator('label', { hasText: '科技成果转化能力' }).textContent()) ?? '';
      const [, max] = /(\d+)–(\d+)/.exec(label)!.slice(1).map(Number) as [number, number];
      await conversion.fill(String(max + 5));
      await sheet
        .getByText(new RegExp(`允许范围 \\d+–${max}$`))
        .first()
        .waitFor();
      // Every item at the top of its allowed range.
      for (const input of await sheet.locator('label').all()) {
        const text = (await input.textContent()) ?? '';
        const m = /允许范围 (\d+)–(\d+)/.exec(text);
        if (!m) continue;
        const id = await input.getAttribute('for');
        await sheet.locator(`[id="${id}"]`).fill(m[2]!);
      }
      await s.shot(expert, '22-expert-scoring-form');
      await sheet.getByRole('button', { name: '提交评分' }).click();
      await expert.getByText('已评分').first().waitFor();

      // The other four experts score over HTTP (their own tokens), each item at its maximum.
      const cert = call('certification');
      const app = (await cert('GET', APP, province)).body as {
        panel: { members: Array<{ expertId: string; role: string }> };
        scoreRanges: Record<string, { max: number }>;
      };
      const top = (k: string) => app.scoreRanges[k]!.max;
      for (const m of app.panel.members.filter((x) => x.expertId !== 'E-01')) {
        const sheetBody =
          m.role === 'financial'
            ? { role: 'financial', netAssetGrowth: top('netAssetGrowth'), salesGrowth: top('salesGrowth') }
            : {
                role: 'technical',
                ip: Object.fromEntries(
                  ['advancement', 'coreSupport', 'quantity', 'acquisition', 'bonus'].map((k) => [
                    k,
                    top(`ip.${k}`),
                  ]),
                ),
                conversion: top('conversion'),
                organisation: Object.fromEntries(
                  ['management', 'institution', 'incentives', 'training'].map((k) => [
                    k,
                    top(`organisation.${k}`),
                  ]),
                ),
              };
        const r = await cert(
          'POST',
          `${APP}/scores`,
          { role: 'expert', sub: m.expertId },
          { sheet: sheetBody },
        );
        expect(r.status).toBe(200);
      }
    }, 120_000);

    it('the province concludes, runs the 公示 and certifies', async () => {
      await prov.reload();
      await confirm(prov, '汇总评审结论');
      await prov.getByRole('cell', { name: '评审通过' }).waitFor();
      await confirm(prov, '开始公示');
      await prov.getByRole('cell', { name: '公示中' }).waitFor();
      await prov
        .getByRole('button', { name: /展开行|Expand row/ })
        .first()
        .click();
      await s.shot(prov, '23-province-hnte-notice');
      // The day after the 10-working-day notice (1 June → 15 June) the province closes it and certifies.
      advanceSharedClock(s.clockFile, '15d');
      await s.signIn(prov, '省级审核员（河南省科技厅）');
      await prov.goto(s.portal + '/province/hnte');
      for (let attempt = 0; attempt < 20; attempt++) {
        await confirm(prov, '结束公示');
        const closed = await prov
          .getByRole('cell', { name: '公示无异议，待发证' })
          .waitFor({ timeout: 3000 })
          .then(
            () => true,
            () => false,
          );
        if (closed) break;
        await prov.reload();
      }
      await confirm(prov, '颁发证书');
      await prov.getByText('操作成功').first().waitFor();
      await prov.getByRole('tab', { name: '高新技术企业证书' }).click();
      await prov.getByRole('cell', { name: /^GR202641\d{6}$/ }).waitFor();
      await s.shot(prov, '24-province-hnte-certificates');
    }, 120_000);

    it('the awards reach the enterprise with their explanation; county finance allocates, approves and pays', async () => {
      await s.signIn(ent, '企业（平顶山市新华区）');
      await ent.goto(s.portal + '/enterprise/entitlements');
      for (
        let attempt = 0;
        attempt < 30 && !(await ent.getByTestId('explanation').nth(1).isVisible());
        attempt++
      ) {
        await ent.waitForTimeout(1000);
        await ent.reload();
      }
      await ent.getByTestId('explanation').nth(1).waitFor();
      await ent.getByText('待审批').first().waitFor();
      await s.shot(ent, '25-enterprise-entitlements');

      const fin = await s.open('/sign-in');
      await s.signIn(fin, '财政（新华区财政局）');
      await fin.getByRole('tab', { name: '预算台账' }).click();
      await choose(fin, '预算台账', 'county-410402-hnte-award.county-2026');
      await fin.getByLabel('金额（元）').fill('1000000');
      await fin.getByLabel('文号').fill('新财预〔2026〕8号');
      await fin.getByRole('button', { name: '下达预算' }).click();
      await fin
        .getByRole('cell', { name: /1,000,000\.00 元/ })
        .first()
        .waitFor();
      await fin.getByRole('tab', { name: '待审批' }).click();
      await fin.getByRole('button', { name: /^审\s*批$/ }).click();
      await fin.getByRole('button', { name: /^拨\s*付$/ }).click();
      await fin.locator('.ant-modal').getByLabel('拨付凭证号').fill('新财付 2026-0001');
      await fin
        .locator('.ant-modal')
        .getByRole('button', { name: /^拨\s*付$/ })
        .click();
      await fin.getByRole('cell', { name: '新财付 2026-0001' }).waitFor();
      await s.shot(fin, '26-finance-approval-queue');
      await fin.getByRole('tab', { name: '预算台账' }).click();
      await fin
        .getByRole('cell', { name: /150,000\.00 元/ })
        .first()
        .waitFor();
      await s.shot(fin, '27-finance-budgets');

      // The what-if: the district's first-certification award doubled over the year, by county.
      await fin.getByRole('tab', { name: '政策模拟' }).click();
      await fin
        .getByLabel('参数调整（JSON）')
        .fill('{"hnte-award/county": {"firstTiers": [{"maxRevenue": null, "amount": 30000000}]}}');
      await fin.getByRole('button', { name: /^模\s*拟$/ }).click();
      await fin.getByTestId('what-if-result').getByText('300,000.00 元').first().waitFor();
      await fin.waitForTimeout(500); // the chart's entry animation
      await s.shot(fin, '28-finance-what-if');

      await s.signIn(ent, '企业（平顶山市新华区）');
      await ent.goto(s.portal + '/enterprise/entitlements');
      const paid = ent.getByText('新财付 2026-0001');
      for (let attempt = 0; attempt < 10 && !(await paid.isVisible()); attempt++) {
        await ent.waitForTimeout(1000);
        await ent.reload();
      }
      await paid.waitFor();
      await s.shot(ent, '25b-enterprise-entitlement-paid');
    }, 300_000);

    it('the city dashboard: indicators against targets, the Q1 ranking with its CSV bulletin, the ladder', async () => {
      const page = await s.open('/sign-in');
      await s.signIn(page, '市级审核员（平顶山市科技局）');
      await page.goto(s.portal + '/dashboard');
      await page.getByTestId('indicators').getByRole('cell', { name: '1 / 2' }).waitFor();
      await page.getByTestId('rankings').getByRole('cell', { name: 'Q1' }).waitFor();
      await page.getByTestId('rankings').getByText('通报批评').waitFor();
      await page.waitForTimeout(500);
      await s.shot(page, '29-city-dashboard');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 CSV' }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain('排名');
      expect(download.suggestedFilename()).toMatch(/Q1\.csv$/);
    }, 60_000);

    it('the auditor: the enterprise’s timeline across services, its state as of a date, the chains verified', async () => {
      const page = await s.open('/sign-in');
      await s.signIn(page, '审计（平顶山市审计局）');
      await page.getByLabel('统一社会信用代码').fill(E);
      await page.getByLabel('截至日期').fill('2026-06-16');
      await page.getByRole('button', { name: /^查\s*询$/ }).click();
      const timeline = page.getByTestId('timeline');
      await timeline.getByText('EnterpriseRegistered').waitFor();
      for (
        let attempt = 0;
        attempt < 20 && !(await timeline.getByText('HnteCertified').isVisible());
        attempt++
      ) {
        await page.getByRole('button', { name: /^查\s*询$/ }).click();
        await page.waitForTimeout(1000);
      }
      await timeline.getByText('HnteCertified').waitFor();
      await page
        .getByTestId('verification')
        .getByText(/校验通过/)
        .waitFor();
      await page.getByTestId('state-as-of').getByText(`enterprise-${E}`).waitFor();
      await s.shot(page, '30-auditor-timeline');
    }, 60_000);
  },
  { hint: CHROMIUM_HINT },
);
