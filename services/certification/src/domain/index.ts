export { hasCode, refuse } from './errors';
export type { ApplicationEvent, EnterpriseEvent, ExpertPoolEvent, RegisterEvent } from './events';
export { addDays, addMonths, addYears, annualReportDueOn, validUntilOf, yearOf } from './dates';
export { PRNG_ALGORITHM, Sha256CounterStream } from './prng';
export {
  drawPanel,
  minTechnical,
  poolHash,
  type ConflictReason,
  type PanelDraw,
  type PanelDrawInput,
  type PanelRules,
  type PoolExpert,
  type PoolSnapshot,
} from './panel';
export {
  batchView,
  certificateNumber,
  evolveRegister,
  initialRegisterState,
  MAX_SERIAL,
  registerDecider,
  type BatchInfo,
  type RegisterCommand,
  type RegisterState,
} from './register';
export {
  evolveExpertPool,
  expertPoolDecider,
  initialExpertPoolState,
  poolSnapshot,
  type Expert,
  type ExpertPoolCommand,
  type ExpertPoolState,
} from './expert-pool';
export type { ApplicationPorts, BatchView, CancellationRecord, EnterpriseView, IpClaim } from './ports';
export {
  evolveApplication,
  FINAL_STATUSES,
  initialApplicationState,
  type Application,
  type ApplicationState,
  type ApplicationStatus,
} from './application-state';
export { applicationDecider, type ApplicationCommand } from './application';
export type { ApplicationSection, IntakeCommand } from './application-intake';
export { NOTICE_WORKING_DAYS, type ReviewCommand } from './application-review';
export { precheckInput, runPrecheck, ruleSetOf, type RecordedPrecheck } from './precheck';
export {
  checkSheet,
  itemRanges,
  sheetTotal,
  type ExpertSheetInput,
  type FinancialSheetInput,
  type TechnicalSheet,
} from './scores';
export {
  currentCertificate,
  evolveEnterpriseHnte,
  initialEnterpriseHnteState,
  type CancellationGround,
  type Certificate,
  type CertificationKind,
  type EnterpriseHnteState,
} from './enterprise-state';
export {
  enterpriseHnteDecider,
  MAJOR_CHANGE_MONTHS,
  MISSED_REPORTS_FOR_CANCELLATION,
  type EnterpriseHnteCommand,
  type EnterpriseHntePorts,
} from './enterprise-decide';
