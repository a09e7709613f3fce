import { hnteReviewOutcome, type HnteExpertSheet, type HnteRanges } from '@peiyu/policy';
import type { Application, ApplicationState } from './application-state';
import { current, requireStatus } from './application-rules';
import { refuse } from './errors';
import type { ApplicationEvent } from './events';
import { drawPanel } from './panel';
import type { ApplicationPorts } from './ports';
import { recordedTrace, ruleSetOf } from './precheck';
import { PRNG_ALGORITHM } from './prng';
import { checkSheet, itemRanges, sheetTotal, type ExpertSheetInput } from './scores';

/** 32号 第十二条: the 公示 lasts 10 working days. */
export const NOTICE_WORKING_DAYS = 10;

export type ReviewCommand =
  | { type: 'DrawPanel'; seed: string }
  | { type: 'RecordExpertScore'; expertId: string; sheet: ExpertSheetInput }
  | { type: 'ConcludeReview' }
  | { type: 'OpenPublicNotice'; noticeId: string }
  | {
      type: 'LodgeObjection';
      objectionId: string;
      objectorName: string;
      statementRef: string;
      summary: string;
    }
  | { type: 'ResolveObjection'; objectionId: string; outcome: 'upheld' | 'dismissed'; finding: string }
  | { type: 'ClosePublicNotice' };

const ref = (a: Application) => ({ applicationId: a.applicationId, batchId: a.batchId, uscc: a.uscc });

function submissionOf(a: Application) {
  if (!a.submission) throw refuse('conflict', 'not_submitted', 'the application was never submitted');
  return a.submission;
}

function draw(a: Application, seed: string, today: string, ports: ApplicationPorts): ApplicationEvent[] {
  requireStatus(a, ['recommended'], 'draw a panel for');
  const s = submissionOf(a);
  if (!/^[0-9a-f]{16,128}$/.test(seed))
    throw refuse('invalid', 'bad_seed', 'the seed must be 16–128 lowercase hex digits', 'seed');
  const pool = ports.expertPool(s.provinceCode);
  const rules = ruleSetOf(s.ruleSetId).panel;
  const d = drawPanel({ pool, field: a.form.field, uscc: a.uscc, seed, rules });
  const data = {
    ...ref(a),
    drawnOn: today,
    algorithm: PRNG_ALGORITHM,
    seed,
    pool: { snapshotId: pool.snapshotId, hash: d.poolHash, size: d.poolSize },
    field: a.form.field,
    members: d.members,
    excluded: d.excluded,
  } as const;
  return [{ type: 'PanelDrawn', data }];
}

function rangesOf(a: Application): HnteRanges {
  return submissionOf(a).precheck.ranges;
}

function score(
  a: Application,
  c: Extract<ReviewCommand, { type: 'RecordExpertScore' }>,
  today: string,
): ApplicationEvent[] {
  requireStatus(a, ['under_review'], 'score');
  const member = a.panel?.members.find((m) => m.expertId === c.expertId);
  if (!member)
    throw refuse('forbidden', 'not_on_panel', `expert ${c.expertId} is not on this application's panel`);
  if (a.scores[c.expertId])
    throw refuse(
      'conflict',
      'score_already_recorded',
      `expert ${c.expertId} has already scored this application`,
    );
  if (c.sheet.role !== member.role) {
    throw refuse(
      'invalid',
      'wrong_sheet',
      `expert ${c.expertId} sits as ${member.role} expert and scores the ${member.role} items`,
      'sheet.role',
    );
  }
  const rs = ruleSetOf(submissionOf(a).ruleSetId);
  const ranges = rangesOf(a);
  checkSheet(c.sheet, itemRanges(rs, ranges));
  const sheet =
    c.sheet.role === 'financial'
      ? {
          role: 'financial' as const,
          netAssetGrowth: c.sheet.netAssetGrowth,
          salesGrowth: c.sheet.salesGrowth,
          // Negative net assets: no published rule, so the grade is the expert's judgement, flagged (hnte.md).
          manualReview: (['netAssetGrowth', 'salesGrowth'] as const).filter((k) => ranges[k].manualReview),
        }
      : c.sheet;
  return [
    {
      type: 'ExpertScoreRecorded',
      data: { ...ref(a), expertId: c.expertId, recordedOn: today, sheet, total: sheetTotal(c.sheet, rs) },
    },
  ];
}

/** Pass = the exact average above 70 (condition 7, no rounding) and every other condition met (32号 第十一条). */
function conclude(a: Application, today: string): ApplicationEvent[] {
  requireStatus(a, ['under_review'], 'conclude the review of');
  const members = a.panel?.members ?? [];
  const missing = members.filter((m) => !a.scores[m.expertId]).map((m) => m.expertId);
  if (missing.length > 0) {
    throw refuse(
      'conflict',
      'scores_missing',
      `the review needs every panel member's scores; missing: ${missing.join(', ')}`,
    );
  }
  const s = submissionOf(a);
  const sheets: HnteExpertSheet[] = members.map((m) => ({
    expertId: m.expertId,
    ...a.scores[m.expertId]!.sheet,
  }));
  const r = hnteReviewOutcome(sheets, { ranges: s.precheck.ranges, ruleSet: ruleSetOf(s.ruleSetId) });
  const unmet = s.precheck.conditions.filter((c) => c.id !== 7 && c.met !== true).map((c) => c.id);
  const data = {
    ...ref(a),
    concludedOn: today,
    average: r.averageExact,
    technicalAverage: r.technicalAverage,
    financialAverage: r.financialAverage,
    experts: r.experts.map((e) => ({ ...e })),
    scorePassed: r.passed,
    unmetConditions: unmet,
    passed: r.passed && unmet.length === 0,
    ruleSetId: s.ruleSetId,
    trace: recordedTrace(r.trace),
  };
  return [{ type: 'ReviewConcluded', data }];
}

function noticeOf(a: Application) {
  if (!a.notice) throw refuse('conflict', 'no_notice', 'no public notice is open');
  return a.notice;
}

function lodge(
  a: Application,
  c: Extract<ReviewCommand, { type: 'LodgeObjection' }>,
  today: string,
): ApplicationEvent[] {
  requireStatus(a, ['in_notice'], 'object to');
  const n = noticeOf(a);
  if (today > n.endsOn) throw refuse('conflict', 'notice_ended', `the public notice ended on ${n.endsOn}`);
  if (n.objections[c.objectionId])
    throw refuse('conflict', 'objection_exists', `objection ${c.objectionId} was already lodged`);
  // Objections are in writing under a real name (hnte.md §5): an anonymous one is not lodged.
  if (!c.objectorName.trim() || !c.statementRef.trim()) {
    throw refuse(
      'invalid',
      'objection_not_named',
      "an objection needs the objector's real name and the written statement",
      'objectorName',
    );
  }
  const data = {
    ...ref(a),
    objectionId: c.objectionId,
    lodgedOn: today,
    objectorName: c.objectorName.trim(),
    statementRef: c.statementRef,
    summary: c.summary.trim(),
  };
  return [{ type: 'HnteObjectionLodged', data }];
}

function resolve(
  a: Application,
  c: Extract<ReviewCommand, { type: 'ResolveObjection' }>,
  today: string,
): ApplicationEvent[] {
  requireStatus(a, ['in_notice'], 'resolve an objection to');
  const status = noticeOf(a).objections[c.objectionId];
  if (!status) throw refuse('not_found', 'no_objection', `no objection ${c.objectionId}`);
  if (status !== 'open')
    throw refuse('conflict', 'objection_resolved', `objection ${c.objectionId} was already ${status}`);
  if (!c.finding.trim())
    throw refuse('invalid', 'finding_required', 'the verification finding is required', 'finding');
  return [
    {
      type: 'HnteObjectionResolved',
      data: {
        ...ref(a),
        objectionId: c.objectionId,
        outcome: c.outcome,
        resolvedOn: today,
        finding: c.finding.trim(),
      },
    },
  ];
}

function close(a: Application, today: string): ApplicationEvent[] {
  requireStatus(a, ['in_notice'], 'close the notice of');
  const n = noticeOf(a);
  if (today <= n.endsOn)
    throw refuse('conflict', 'notice_running', `the public notice runs until ${n.endsOn}`);
  const entries = Object.entries(n.objections);
  const open = entries.filter(([, s]) => s === 'open').map(([id]) => id);
  if (open.length > 0)
    throw refuse('conflict', 'objections_open', `objections still to verify: ${open.join(', ')}`);
  const upheld = entries.filter(([, s]) => s === 'upheld').map(([id]) => id);
  const outcome = upheld.length > 0 ? ('rejected' as const) : ('approved' as const);
  return [
    {
      type: 'HntePublicNoticeClosed',
      data: { ...ref(a), closedOn: today, outcome, upheldObjections: upheld },
    },
  ];
}

export function decideReview(
  state: ApplicationState,
  c: ReviewCommand,
  today: string,
  ports: ApplicationPorts,
): ApplicationEvent[] {
  const a = current(state);
  switch (c.type) {
    case 'DrawPanel':
      return draw(a, c.seed, today, ports);
    case 'RecordExpertScore':
      return score(a, c, today);
    case 'ConcludeReview':
      return conclude(a, today);
    case 'OpenPublicNotice': {
      requireStatus(a, ['review_passed'], 'open a public notice for');
      const end = ports.addWorkingDays(today, NOTICE_WORKING_DAYS);
      const data = {
        ...ref(a),
        noticeId: c.noticeId,
        openedOn: today,
        endsOn: end.date,
        workingDays: NOTICE_WORKING_DAYS,
        provisional: end.provisional,
      };
      return [{ type: 'HntePublicNoticeOpened', data }];
    }
    case 'LodgeObjection':
      return lodge(a, c, today);
    case 'ResolveObjection':
      return resolve(a, c, today);
    case 'ClosePublicNotice':
      return close(a, today);
  }
}
