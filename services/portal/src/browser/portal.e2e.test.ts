import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackClient, startStack, type RunningStack } from '@peiyu/local';
import { advanceSharedClock, startSharedClockAt } from '@peiyu/service-kit';
import { describeWithCommand } from '@peiyu/testkit';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// The whole journey in Debian's Chromium against the local stack (registry, assessment and the portal as their
// own processes, embedded MongoDB and Kafka, free ports, a throwaway home with a pinned shared clock).
const CHROMIUM = '/usr/bin/chromium';
const repoRoot = join(__dirname, '..', '..', '..', '..');
const shots = join(__dirname, '..', '..', 'screenshots');
const home = mkdtempSync(join(tmpdir(), 'peiyu-portal-e2e-'));
startSharedClockAt(join(home, 'clock.json'), new Date('2026-09-21T09:00:00+08:00'));
const NAME = '平顶山市新华区示例新材料科技有限公司';
const logs: string[] = [];

let stack: RunningStack;
let browser: Browser;
let portal = '';
const contexts: BrowserContext[] = [];

async function open(path: string, size = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(portal + path);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Signs in with one of the demo users offered on the sign-in page. */
async function signIn(page: Page, label: string): Promise<void> {
  await page.goto(portal + '/sign-in');
  await page.getByRole('button', { name: label }).click();
  await page.getByTestId('who').waitFor();
}

describeWithCommand(
  'the portal in a browser (enterprise → county → province → public)',
  CHROMIUM,
  () => {
    let enterprise: Page;
    let county: Page;
    let province: Page;

    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      stack = await startStack({
        repoRoot,
        homeDir: home,
        mongoPort: 0,
        kafkaPort: 0,
        servicePorts: 'free',
        only: ['registry', 'assessment', 'portal'],
        ephemeral: true,
        log: (l) => logs.push(l),
      });
      portal = stack.services.find((s) => s.name === 'portal')!.url;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
      });
    }, 120_000);

    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await stack?.stop();
      rmSync(home, { recursive: true, force: true });
    }, 60_000);

    afterEach(() => {
      const state = expect.getState();
      if (state.assertionCalls > state.numPassingAsserts) console.log(logs.slice(-30).join('\n'));
    });

    it('starts the portal last, with the services it proxies', () => {
      expect(stack.services.map((s) => s.name)).toEqual(['assessment', 'registry', 'portal']);
    });

    it('the enterprise registers, fills the form with the live preview, and submits', async () => {
      enterprise = await open('/sign-in');
      await shot(enterprise, '01-sign-in');
      await signIn(enterprise, '企业（平顶山市新华区）');
      await enterprise.goto(portal + '/enterprise/profile');
      await enterprise.getByLabel('企业名称').fill(NAME);
      await enterprise.getByLabel('成立日期').fill('2018-06-01');
      await enterprise.getByLabel('成立日期').press('Enter');
      await enterprise.getByLabel('联系人').fill('张三');
      await enterprise.getByLabel('联系电话').fill('0375-1234567');
      // Validation as you type, with the registry's own schema.
      await enterprise.getByLabel('电子邮箱').fill('zhang.san@');
      await enterprise.locator('.ant-form-item-explain-error').first().waitFor();
      await enterprise.getByLabel('电子邮箱').fill('zhang.san@example.cn');
      await enterprise.getByRole('button', { name: '提交注册' }).click();
      await enterprise.getByText('已注册').waitFor();
      await shot(enterprise, '02-enterprise-profile');

      await enterprise.goto(portal + '/enterprise/evaluation');
      const fill = async (label: string, value: string) =>
        enterprise.getByLabel(label, { exact: true }).fill(value);
      await fill('职工总数', '40');
      await fill('科技人员数', '41');
      // Tech staff above employees: the same rule the API applies, shown while typing.
      await enterprise.getByText('科技人员数不能超过职工总数').waitFor();
      await fill('科技人员数', '12');
      await fill('上年销售收入（元）', '30000000');
      await fill('上年资产总额（元）', '20000000');
      await fill('上年研发费用（元）', '2000000');
      await fill('上年成本费用总额（元）', '25000000');
      await fill('Ⅰ类知识产权数', '1');
      await fill('Ⅱ类知识产权数', '0');
      await enterprise.getByLabel('证明材料').fill('evidence/2026/form.pdf');
      await enterprise.getByText('按评分入库（≥60分）').waitFor();
      await enterprise.getByText('评分依据').waitFor();
      await shot(enterprise, '03-enterprise-form-preview');
      await enterprise.getByRole('button', { name: /^提\s*交$/ }).click();
      await enterprise.getByTestId('status').getByText('已提交，待县级审核').waitFor();
    }, 90_000);

    it('the county reviewer sees it in the queue and returns it with a comment', async () => {
      county = await open('/sign-in');
      await signIn(county, '县级审核员（新华区科技局）');
      await county.getByRole('cell', { name: NAME }).waitFor();
      await shot(county, '04-county-review-queue');
      await county.getByRole('button', { name: /^审\s*核$/ }).click();
      await county.getByRole('radiogroup', { name: '已签字并加盖公章' }).getByText('不通过').click();
      await county.getByRole('button', { name: '退回修改' }).click();
      await county.getByText('不通过的项目须填写意见').waitFor(); // a failed item needs its comment
      await county.getByLabel('意见（已签字并加盖公章）').fill('信息表未加盖公章');
      await shot(county, '05-county-checklist-review');
      await county.getByRole('button', { name: '退回修改' }).click();
      await county
        .getByText(/操作成功/)
        .first()
        .waitFor();
    }, 60_000);

    it('the enterprise sees the comment, corrects the form and resubmits', async () => {
      await enterprise.reload();
      await enterprise.getByTestId('corrections').getByText('信息表未加盖公章').waitFor();
      await shot(enterprise, '06-enterprise-returned');
      const evidence = enterprise.getByLabel('证明材料');
      await evidence.fill('evidence/2026/form.pdf\nevidence/2026/sealed.pdf');
      await enterprise.getByRole('button', { name: /^提\s*交$/ }).click();
      await enterprise.getByTestId('status').getByText('已提交，待县级审核').waitFor();
    }, 60_000);

    it('the county reviewer finds it overdue after ten days, and passes it', async () => {
      // Ten days on (the shared clock every process reads), the 5-working-day review period has passed.
      advanceSharedClock(join(home, 'clock.json'), '10d');
      // Yesterday's token has expired by then: the reviewer signs in again, as every morning.
      await signIn(county, '县级审核员（新华区科技局）');
      const overdue = county.getByRole('row', { name: new RegExp(NAME) }).getByText('已超期');
      for (let attempt = 0; attempt < 20 && !(await overdue.isVisible()); attempt++) {
        await county.goto(portal + '/county/queue');
        await county.getByRole('cell', { name: NAME }).waitFor();
      }
      await overdue.waitFor();
      await shot(county, '07-county-queue-overdue');
      await county.getByRole('button', { name: /^审\s*核$/ }).click();
      await county.getByText('evidence/2026/sealed.pdf', { exact: false }).waitFor();
      // 实地核查: flagged, visited, its result recorded (OnSiteCheckRecorded) before the formal pass.
      const onSite = county.getByTestId('on-site-check');
      await onSite.getByLabel('核查原因').fill('研发场所与填报地址不一致，需核实');
      await onSite.getByRole('button', { name: '安排实地核查' }).click();
      await onSite.getByLabel('核查人').fill('李四');
      await onSite.getByLabel('核查情况').fill('经实地核查，研发场所、人员与填报信息一致');
      await onSite.getByRole('button', { name: '登记核查结果' }).click();
      await onSite.locator('.ant-tag', { hasText: '核查属实' }).waitFor();
      await shot(county, '07b-county-on-site-check');
      await county.getByRole('button', { name: '审核通过' }).click();
      await county
        .getByText(/操作成功/)
        .first()
        .waitFor();
    }, 60_000);

    it('the province forms a batch and opens the notice; the public sees the 公示', async () => {
      province = await open('/sign-in');
      await signIn(province, '省级审核员（河南省科技厅）');
      await province.getByRole('checkbox').nth(1).check();
      await province.getByRole('button', { name: /组建批次/ }).click();
      await province.getByRole('button', { name: '开始公示' }).click();
      await province.getByTestId('batch-status').getByText('公示中').waitFor();
      await shot(province, '08-province-batch-in-notice');

      const publicPage = await open('/public/notices');
      await publicPage.getByRole('cell', { name: NAME }).waitFor();
      await shot(publicPage, '09-public-notices');
      // Anyone may object without signing in, under a real name with a contact (assessment's own rules).
      await publicPage.getByRole('button', { name: '提出异议' }).click();
      const form = publicPage.locator('.ant-modal');
      await form.getByLabel('实名（姓名）').fill('王五');
      await form.getByLabel('联系方式（手机、座机或邮箱）').fill('12345');
      await form.locator('.ant-form-item-explain-error').first().waitFor();
      await form.getByLabel('联系方式（手机、座机或邮箱）').fill('13800138000');
      await form.getByLabel('异议内容').fill('该企业研发人员数量与实际不符');
      await shot(publicPage, '09b-public-objection-form');
      await form.getByRole('button', { name: /^提\s*交$/ }).click();
      await form.getByText('异议已提交').waitFor();
      // The province sees it, verifies and dismisses it: a 公示 closes only with every objection resolved.
      await province.reload();
      await province.getByRole('button', { name: '异议不成立' }).click();
      await province.getByRole('cell', { name: '异议不成立' }).waitFor();
      const phone = await open('/public/notices', { width: 390, height: 844 });
      await phone.getByRole('cell', { name: NAME }).waitFor();
      await shot(phone, '10-public-notices-phone');
    }, 60_000);

    it('the day after the notice’s last day the province closes it and the enterprise is entered with a number', async () => {
      // Move the shared clock (every service and the portal read it) past the notice's end date: a 公示 closes only
      // after its last day, since objections are accepted through that day.
      const client = stackClient(home, () => stack.services.find((s) => s.name === 'assessment')!.url);
      const batchId = province.url().split('/').pop()!;
      const batch = await client.call('GET', `/v1/sme-batches/${batchId}`, {
        role: 'province_reviewer',
        region: '410000',
      });
      const endsOn = (batch.body!.notice as { endsOn: string }).endsOn;
      const days = (Date.parse(endsOn) - Date.parse(client.clock.today())) / 86_400_000 + 1;
      advanceSharedClock(join(home, 'clock.json'), `${days}d`);
      // Tokens signed before the move have expired: sign in again.
      await signIn(province, '省级审核员（河南省科技厅）');
      await province.goto(`${portal}/province/batches/${batchId}`);
      // The service picks the moved clock up when the file changes; close until it has.
      for (let attempt = 0; attempt < 20; attempt++) {
        await province.getByRole('button', { name: '结束公示并入库' }).click();
        await province.getByRole('button', { name: /^确\s*定$|^OK$/ }).click();
        const outcome = await Promise.race([
          province
            .getByTestId('batch-status')
            .getByText('已结束')
            .waitFor()
            .then(
              () => 'closed',
              () => 'timeout',
            ),
          province
            .locator('.ant-alert-error')
            .first()
            .waitFor()
            .then(
              () => 'refused',
              () => 'timeout',
            ),
        ]);
        if (outcome === 'closed') break;
        await province.reload();
      }
      await province.getByTestId('batch-status').getByText('已结束').waitFor();
      await province.getByRole('cell', { name: /^202641\d{6}$/ }).waitFor();
      await shot(province, '11-province-batch-entered');

      await signIn(enterprise, '企业（平顶山市新华区）');
      await enterprise
        .getByTestId('registration-number')
        .getByText(/202641000001/)
        .waitFor();
      await shot(enterprise, '12-enterprise-entered');
    }, 90_000);

    it('the public list of entered tech SMEs shows it, in Chinese and in English, on a phone too', async () => {
      const page = await open('/public/entries');
      await page.getByRole('cell', { name: NAME }).waitFor();
      await page.getByRole('cell', { name: '202641000001' }).waitFor();
      await shot(page, '13-public-entries');
      await page.getByText('English', { exact: true }).click();
      await page.getByText('Entered tech SMEs').first().waitFor();
      await shot(page, '14-public-entries-english');
      const phone = await open('/public/entries', { width: 390, height: 844 });
      await phone.getByRole('cell', { name: NAME }).waitFor();
      await shot(phone, '15-public-entries-phone');
    }, 60_000);
  },
  { hint: 'apt-get install -y chromium fonts-noto-cjk (tools/system-deps.mjs does it when root)' },
);
