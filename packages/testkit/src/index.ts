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
export { startBenchStack } from './bench-stack';
export type { BenchService, BenchServiceSpec, BenchStack } from './bench-stack';
export { benchRequest, closedLoop, measureCommandPath, percentile } from './open-loop';
export type { BenchCommand, OpenLoopOptions } from './open-loop';
