export { startStack, defaultKafka } from './stack';
export type { StackOptions, RunningStack, KafkaKind } from './stack';
export { discoverServices } from './services';
export type { ServiceManifest } from './services';
export { assertPortFree, PortInUseError } from './ports';
export { stackClient, eventually } from './testing';
export type { Who, Reply } from './testing';
export { loadDemos, serviceUrlsOf, type DemoOptions, type DemoResult } from './demo';
export { DEMO_HISTORY, importHistory } from './history';
