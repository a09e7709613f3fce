import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from './index';

/**
 * Executes the README examples. In each ```js block, a line `//=> JSON` checks the line just above it (an
 * expression); other lines are setup statements for the rest of the block. A top-level `"trace": "…"` (or any
 * field whose expected value is "…") in the expected JSON means that field is not compared.
 */
interface Example {
  readonly setup: string;
  readonly expr: string;
  readonly expected: string;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const [, body] of markdown.matchAll(/```js\n([\s\S]*?)```/g)) {
    const lines = (body as string).split('\n');
    const setup: string[] = [];
    lines.forEach((line, i) => {
      if (line.startsWith('//=>')) return;
      const next = lines[i + 1];
      if (next?.startsWith('//=>'))
        out.push({ setup: setup.join('\n'), expr: line, expected: next.slice(4).trim() });
      else setup.push(line);
    });
  }
  return out;
}

function evaluate(ex: Example): unknown {
  const names = Object.keys(api);
  const fn = new Function(...names, `${ex.setup}\nreturn (${ex.expr});`) as (...args: unknown[]) => unknown;
  return fn(...names.map((n) => (api as Record<string, unknown>)[n]));
}

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const all = examples(readme);

describe('README examples', () => {
  it('has one or more examples for every documented entry point', () => {
    const calls = all.map((e) => e.expr).join('\n');
    for (const name of [
      'isValidUscc',
      'parseRegion',
      'scoreTechSme',
      'precheckHnte',
      'growthIndicator',
      'hnteReviewOutcome',
      'calculateEntitlement',
      'splitShares',
      'selectPolicyVersion',
      'addWorkingDays',
      'isWorkingDay',
      'validateArrangement',
      'decidePublication',
      'recomputeDeadline',
      'ownFundsShares',
      'techSmeCampaign',
      'noticeOpenOn',
      'barringSanctions',
      'smeFormProblems',
    ]) {
      expect(calls).toContain(`${name}(`);
    }
  });

  it.each(all.map((e) => [e.expr.slice(0, 70), e] as const))('%s', (_label, ex) => {
    const expected = JSON.parse(ex.expected) as unknown;
    let actual = JSON.parse(JSON.stringify(evaluate(ex))) as unknown;
    const isRecord = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isRecord(expected) && isRecord(actual)) {
      // A top-level field expected as "…" (a trace, the calendar sources) is not compared.
      const skipped = Object.entries(expected).filter(([, v]) => v === '…');
      actual = { ...actual, ...Object.fromEntries(skipped) };
    }
    expect(actual).toEqual(expected);
  });
});
