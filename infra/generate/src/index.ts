export { generate, runKey, type GenerateOptions, type Progress } from './generate';
export { areaOf, countyEvaluations, EVALUATIONS, SCALES, type Area, type Scale } from './model';
export { MongoSink, SERVICE_DBS, type Checkpoint } from './sink';
export { planUnits, orderedAppends, type Unit, type RunSpec, type ScenarioRules } from './units';
export { unitRecords } from './records';
export { SCENARIOS, scenarioSpec, YUEYANG_2022, type Scenario } from './scenario';
export { DEFAULT_CAMPAIGN, type Campaign } from './fate';
