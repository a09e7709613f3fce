import type { HnteApplicationForm } from '@peiyu/contracts';
import type { ApplicationEvent, DataOf } from './events';

export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'recommended'
  | 'declined'
  | 'withdrawn'
  | 'under_review'
  | 'review_failed'
  | 'review_passed'
  | 'in_notice'
  | 'approved'
  | 'rejected';

/** No further transition: a new application in the same batch is possible only after a withdrawal. */
export const FINAL_STATUSES: ReadonlySet<ApplicationStatus> = new Set([
  'declined',
  'withdrawn',
  'review_failed',
  'approved',
  'rejected',
]);

type Submission = DataOf<ApplicationEvent, 'HnteApplicationSubmitted'>;
type Sheet = DataOf<ApplicationEvent, 'ExpertScoreRecorded'>['sheet'];
type Member = DataOf<ApplicationEvent, 'PanelDrawn'>['members'][number];

export interface Application {
  applicationId: string;
  batchId: string;
  uscc: string;
  status: ApplicationStatus;
  form: HnteApplicationForm;
  /** Submissions so far (a resubmission after correction counts). */
  submissions: number;
  submission: Omit<Submission, 'applicationId' | 'batchId' | 'uscc' | 'form'> | null;
  returned: DataOf<ApplicationEvent, 'HnteApplicationReturned'>['items'] | null;
  panel: { members: readonly Member[]; drawnOn: string } | null;
  scores: Readonly<Record<string, { sheet: Sheet; total: number }>>;
  review: { passed: boolean; average: string } | null;
  notice: {
    noticeId: string;
    endsOn: string;
    objections: Readonly<Record<string, 'open' | 'upheld' | 'dismissed'>>;
  } | null;
}

export type ApplicationState = Application | null;
export const initialApplicationState: ApplicationState = null;

function submitted(a: Application, e: Submission): Application {
  const { applicationId: _a, batchId: _b, uscc: _u, form, ...submission } = e;
  return { ...a, status: 'submitted', form, submissions: submission.submission, submission, returned: null };
}

function evolveNotice(a: Application, e: ApplicationEvent): Application {
  const notice = a.notice;
  switch (e.type) {
    case 'HntePublicNoticeOpened':
      return {
        ...a,
        status: 'in_notice',
        notice: { noticeId: e.data.noticeId, endsOn: e.data.endsOn, objections: {} },
      };
    case 'HnteObjectionLodged':
      if (!notice) return a;
      return {
        ...a,
        notice: { ...notice, objections: { ...notice.objections, [e.data.objectionId]: 'open' } },
      };
    case 'HnteObjectionResolved':
      if (!notice) return a;
      return {
        ...a,
        notice: { ...notice, objections: { ...notice.objections, [e.data.objectionId]: e.data.outcome } },
      };
    case 'HntePublicNoticeClosed':
      return { ...a, status: e.data.outcome };
    default:
      return a;
  }
}

export function evolveApplication(state: ApplicationState, e: ApplicationEvent): ApplicationState {
  if (e.type === 'HnteApplicationDrafted') {
    const { applicationId, batchId, uscc, form } = e.data;
    return {
      applicationId,
      batchId,
      uscc,
      status: 'draft',
      form,
      submissions: 0,
      submission: null,
      returned: null,
      panel: null,
      scores: {},
      review: null,
      notice: null,
    };
  }
  if (!state) return state;
  switch (e.type) {
    case 'HnteApplicationEdited':
      return { ...state, form: e.data.form };
    case 'HnteApplicationSubmitted':
    case 'HnteApplicationResubmitted':
      return submitted(state, e.data);
    case 'HnteApplicationWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'CountyRecommended':
      return { ...state, status: 'recommended' };
    case 'HnteApplicationReturned':
      return { ...state, status: 'returned', returned: e.data.items };
    case 'HnteApplicationDeclined':
      return { ...state, status: 'declined' };
    case 'PanelDrawn':
      return {
        ...state,
        status: 'under_review',
        panel: { members: e.data.members, drawnOn: e.data.drawnOn },
      };
    case 'ExpertScoreRecorded':
      return {
        ...state,
        scores: { ...state.scores, [e.data.expertId]: { sheet: e.data.sheet, total: e.data.total } },
      };
    case 'ReviewConcluded':
      return {
        ...state,
        status: e.data.passed ? 'review_passed' : 'review_failed',
        review: { passed: e.data.passed, average: e.data.average },
      };
    default:
      return evolveNotice(state, e);
  }
}
