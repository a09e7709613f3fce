import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isValidUscc } from '@peiyu/policy';
import { ROLES, tokenMain, type CliIo } from '@peiyu/service-kit';
import { DEMO_ENTERPRISE_USCC, newcomerLines, TOKEN_EXAMPLES, tokenCommand, usccLines } from './newcomer';

const README = readFileSync(resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');

// issue 11 §3: a working token command for every role, in the README and the start banner, as printed.
describe('the newcomer path', () => {
  const home = mkdtempSync(join(tmpdir(), 'peiyu-newcomer-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.each(TOKEN_EXAMPLES.map((t) => [t.role, t.args] as const))(
    '%s: the printed token command works and is in the README and the banner',
    async (role, args) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        env: { PEIYU_HOME: home, PEIYU_MODE: 'local' },
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      };
      expect(await tokenMain([...args], io)).toBe(0);
      expect(err).toEqual([]);
      expect(out[0]).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(README).toContain(tokenCommand(args));
      expect(newcomerLines()).toContainEqual([`token ${role}`, tokenCommand(args)]);
    },
  );

  it('covers every role the token CLI knows', () => {
    expect(TOKEN_EXAMPLES.map((t) => t.role).sort()).toEqual([...ROLES].sort());
  });

  it('names a demo enterprise that exists (registry demo: 新华区, serial 1) and the USCC command', () => {
    expect(isValidUscc(DEMO_ENTERPRISE_USCC)).toBe(true);
    expect(DEMO_ENTERPRISE_USCC.slice(2, 8)).toBe('410402');
    expect(README).toContain('npm run uscc -- --county 410402');
  });

  it('npm run uscc -- --county 410402 prints valid codes of that county; refuses a city code', () => {
    const [title, ...codes] = usccLines({ county: '410402' });
    expect(title).toContain('410402 河南省 平顶山市 新华区');
    expect(codes).toHaveLength(5);
    for (const c of codes) expect([isValidUscc(c), c.slice(2, 8)]).toEqual([true, '410402']);
    expect(usccLines({ county: '430602', count: '2' })).toHaveLength(3);
    expect(() => usccLines({ county: '410400' })).toThrow(/county-level division code/);
    expect(() => usccLines({ county: '410402', count: '0' })).toThrow(/--count/);
  });

  it('npm start -- --help answers without building (no turbo, no npx on the PATH)', () => {
    const start = resolve(__dirname, '..', 'start.mjs');
    const out = execFileSync(process.execPath, [start, '--help'], { env: { PATH: '' }, encoding: 'utf8' });
    expect(out).toContain('--port name=N');
    expect(out).toContain('without building');
  });
});
