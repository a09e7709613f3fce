import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { humanText } from '../text';
import { CampaignYearSchema } from './assessment';
import { IsoDate, UsccSchema } from './common';

/**
 * Issue 11 additions to the tech-SME streams: the on-site check's result (实地核查结果) on the evaluation
 * stream, and an objection lodged by anyone through the public 公示 form on the batch stream.
 */
const Id = z.string().min(1).max(64);
const Text = humanText({ max: 1000, multiline: true });
const Name = humanText({ max: 50 });

/** 实地核查结果: consistent = the data match what the inspector found; inconsistent = they do not. */
export const ON_SITE_CHECK_OUTCOMES = ['consistent', 'inconsistent'] as const;
export const OnSiteCheckOutcomeSchema = z.enum(ON_SITE_CHECK_OUTCOMES);

/**
 * The county recorded the result of the on-site check it flagged (115号 第十条: 县级科技管理部门对企业
 * 填报信息进行形式审查，必要时可实地核查). A flagged evaluation cannot pass the formal review without it.
 */
export const OnSiteCheckRecorded = defineEvent({
  type: 'OnSiteCheckRecorded',
  version: 1,
  schema: z
    .object({
      evaluationId: Id,
      uscc: UsccSchema,
      year: CampaignYearSchema,
      /** The day the inspector visited (ISO date, not after the day it is recorded). */
      checkedOn: IsoDate,
      recordedOn: IsoDate,
      outcome: OnSiteCheckOutcomeSchema,
      note: Text,
      /** Who inspected (name as signed on the check record). */
      inspector: Name,
    })
    .strict(),
});

/**
 * An objection anyone lodged through the public 公示 form, without signing in (tech-sme.md workflow 4:
 * 公示期内任何单位和个人可提出异议). A real name and a contact are required; they are personal information
 * (PIPL): every API read masks them except the province's single-objection read, which is logged.
 */
export const PublicObjectionLodged = defineEvent({
  type: 'PublicObjectionLodged',
  version: 1,
  schema: z
    .object({
      batchId: Id,
      objectionId: Id,
      evaluationId: Id,
      lodgedOn: IsoDate,
      summary: Text,
      objector: z.object({ name: Name, contact: humanText({ max: 100 }) }).strict(),
    })
    .strict(),
});

export const ASSESSMENT_CHECK_EVENTS = [OnSiteCheckRecorded, PublicObjectionLodged] as const;
