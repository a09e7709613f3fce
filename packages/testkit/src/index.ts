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
