export { dockerAvailability, describeWithDocker } from './docker';
export type { DockerAvailability } from './docker';
export { commandAvailability, describeWithCommand } from './command';
export type { CommandAvailability } from './command';
export {
  ENGINE_NODE_ARGS,
  emitBenchLine,
  processCpuMicros,
  processPeakRssMb,
  startBenchServer,
} from './bench';
export { startBenchStack, startServiceBench } from './bench-stack';
export type { BenchService, BenchServiceSpec, BenchStack } from './bench-stack';
export { awaitCount, benchRequest, closedLoop, measureCommandPath, percentile } from './open-loop';
export { benchMain, commandPathArgs, commandTargets } from './bench-args';
export type { CommandPathArgs } from './bench-args';
export type { BenchCommand, OpenLoopOptions } from './open-loop';
