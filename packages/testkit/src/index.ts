export { dockerAvailability, describeWithDocker } from './docker';
export type { DockerAvailability } from './docker';
