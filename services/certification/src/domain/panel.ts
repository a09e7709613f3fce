import { canonicalize, compareCodePoints } from '@peiyu/eventstore';
import { createHash } from 'node:crypto';
import type { HnteField } from '@peiyu/contracts';
import { refuse } from './errors';
import { Sha256CounterStream } from './prng';

/** An expert as the draw reads it from the pool snapshot (no name: the draw does not need it). */
export interface PoolExpert {
  expertId: string;
  organisationUscc: string | null;
  expertise: { kind: 'technical'; fields: readonly HnteField[] } | { kind: 'financial' };
  relations: ReadonlyArray<{ uscc: string }>;
}

export interface PoolSnapshot {
  /** e.g. `hnte-expert-pool-430000@57`: the pool stream at a version. */
  snapshotId: string;
  experts: readonly PoolExpert[];
}

/** The composition rules of the work guide (195号 专家评审), from the rule set. */
export interface PanelRules {
  minExperts: number;
  /** Exact fraction, e.g. '0.60': share of the panel that must be technical experts of the application's field. */
  minTechnicalShare: string;
  minFinancial: number;
}

export interface PanelDrawInput {
  pool: PoolSnapshot;
  field: HnteField;
  /** The applicant: experts of the same organisation or with a declared relation are excluded. */
  uscc: string;
  seed: string;
  rules: PanelRules;
}

export type ConflictReason = 'same_organisation' | 'declared_relation';

export interface PanelDraw {
  members: Array<{ expertId: string; role: 'technical' | 'financial' }>;
  excluded: Array<{ expertId: string; reason: ConflictReason }>;
  poolHash: string;
  poolSize: number;
}

/** SHA-256 of the canonical form of the snapshot's experts (sorted by id): what an auditor recomputes. */
export function poolHash(experts: readonly PoolExpert[]): string {
  const sorted = [...experts].sort((a, b) => compareCodePoints(a.expertId, b.expertId));
  return createHash('sha256').update(canonicalize(sorted), 'utf8').digest('hex');
}

function conflictOf(e: PoolExpert, uscc: string): ConflictReason | null {
  if (e.organisationUscc === uscc) return 'same_organisation';
  if (e.relations.some((r) => r.uscc === uscc)) return 'declared_relation';
  return null;
}

/** ceil(share × n) with the share as exact decimal text ('0.60' of 5 → 3). */
export function minTechnical(rules: PanelRules): number {
  const [whole = '0', frac = ''] = rules.minTechnicalShare.split('.');
  const den = 10n ** BigInt(frac.length);
  const num = BigInt(whole + frac) * BigInt(rules.minExperts);
  return Number((num + den - 1n) / den);
}

interface Candidates {
  inField: PoolExpert[];
  financial: PoolExpert[];
  otherTechnical: PoolExpert[];
  excluded: PanelDraw['excluded'];
}

function candidates(input: PanelDrawInput): Candidates {
  const byId = [...input.pool.experts].sort((a, b) => compareCodePoints(a.expertId, b.expertId));
  const c: Candidates = { inField: [], financial: [], otherTechnical: [], excluded: [] };
  for (const e of byId) {
    const conflict = conflictOf(e, input.uscc);
    if (conflict) c.excluded.push({ expertId: e.expertId, reason: conflict });
    else if (e.expertise.kind === 'financial') c.financial.push(e);
    else if (e.expertise.fields.includes(input.field)) c.inField.push(e);
    else c.otherTechnical.push(e);
  }
  return c;
}

function refuseIfImpossible(c: Candidates, input: PanelDrawInput): void {
  const { rules, field } = input;
  const tMin = minTechnical(rules);
  if (c.inField.length < tMin) {
    throw refuse(
      'conflict',
      'panel_too_few_technical',
      `the pool has ${c.inField.length} technical expert(s) of field ${field} without a conflict; a panel of ` +
        `${rules.minExperts} needs at least ${tMin} (≥ ${rules.minTechnicalShare} technical in the field, 195号 专家评审)`,
    );
  }
  if (c.financial.length < rules.minFinancial) {
    throw refuse(
      'conflict',
      'panel_too_few_financial',
      `the pool has ${c.financial.length} financial expert(s) without a conflict; a panel needs at least ` +
        `${rules.minFinancial} (195号 专家评审)`,
    );
  }
  const eligible = c.inField.length + c.financial.length + c.otherTechnical.length;
  if (eligible < rules.minExperts) {
    throw refuse(
      'conflict',
      'panel_too_few_experts',
      `the pool has ${eligible} expert(s) without a conflict; a panel needs at least ${rules.minExperts} ` +
        `(195号 专家评审)`,
    );
  }
}

/**
 * Draws a panel of exactly `minExperts` at random, reproducibly from (pool snapshot, field, applicant, seed):
 * as many technical experts of the field as the financial minimum leaves room for, then the financial minimum,
 * then any remaining seat from the other financial and technical experts. Conflicted experts never sit.
 * Refuses, naming the rule, exactly when no panel can satisfy the composition rules.
 */
export function drawPanel(input: PanelDrawInput): PanelDraw {
  const c = candidates(input);
  refuseIfImpossible(c, input);
  const { minExperts, minFinancial } = input.rules;
  const rng = new Sha256CounterStream(input.seed);
  const technical = rng.pick(c.inField, Math.min(c.inField.length, minExperts - minFinancial));
  const financial = rng.pick(c.financial, minFinancial);
  const chosen = new Set([...technical, ...financial].map((e) => e.expertId));
  const rest = [...c.financial, ...c.otherTechnical].filter((e) => !chosen.has(e.expertId));
  const fill = rng.pick(rest, minExperts - technical.length - financial.length);
  const members = [...technical, ...financial, ...fill].map((e) => ({
    expertId: e.expertId,
    role: e.expertise.kind,
  }));
  return {
    members,
    excluded: c.excluded,
    poolHash: poolHash(input.pool.experts),
    poolSize: input.pool.experts.length,
  };
}
