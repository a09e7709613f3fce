export type { Clock } from './clock';
export { ManualClock } from './clock';
export * from './types';
export { canonicalize, normalize, compareCodePoints, CanonicalisationError } from './hash/canonical';
export {
  linkHash,
  chainInput,
  genesisHash,
  hashedView,
  assertHashAlgorithm,
  HASHED_FIELDS,
} from './hash/chain';
export type { HashAlgorithm, HashedEvent } from './hash/chain';
export { verifyChain, ChainVerifier, checkHead } from './hash/verify';
export type {
  VerifyResult,
  VerifyFailure,
  ChainedEvent,
  BrokenLinkReason,
  IntegrityCheck,
  HeadRecord,
} from './hash/verify';
export { fold } from './decider/decider';
export type { Decider, DecisionContext } from './decider/decider';
export { DecisionOutcome } from './decider/spec';
export type { DeciderSpecOptions } from './decider/spec';
export { deciderSpec } from './decider/spec';
export { ConcurrencyError, IntegrityError, InvalidAppendError } from './store/errors';
export type { EventCodec, CodecInput } from './store/codec';
export type {
  EventStore,
  ReadStreamOptions,
  ReadAllOptions,
  AppendResult,
  StreamHeadEntry,
} from './store/event-store';
export { readAllInBatches } from './store/event-store';
export { MemoryEventStore } from './store/memory-store';
export { loadStream } from './command/load';
export type { Loaded } from './command/load';
export { KeyedSerialiser } from './command/serialiser';
export { runCommand, etagOf, versionFromIfMatch } from './command/pipeline';
export type { CommandDeps, CommandPlan, LookupsOf } from './command/pipeline';
export { maskedHistory } from './history/history-view';
export { MongoEventStore } from './store/mongo-store';
export type { MongoEventStoreOptions } from './store/mongo-store';
export { findBatches } from './store/command-batches';
export type { FindBatchesQuery } from './store/command-batches';
export type { EventDoc, CounterDoc, Db } from './store/mongo-docs';
export { buildRecords } from './store/records';
export type { BuildInput, StreamHead } from './store/records';
export type { HeadDoc } from './store/group-commit';
export { headOf } from './store/group-commit';
export { dbOf, toEventDoc, storeLayout, EVENT_INDEXES } from './store/mongo-docs';
export { IdempotencyStore } from './idempotency/idempotency-store';
export type {
  IdempotencyScope,
  IdempotencyBegin,
  IdempotencyOptions,
  IdempotencyPrincipal,
  StoredResponse,
} from './idempotency/idempotency-store';
export { OutboxRelay, toMessage } from './outbox/relay';
export { RelayLease } from './outbox/lease';
export type { LeaseDoc, RelayLeaseOptions } from './outbox/lease';
export type { OutboxRelayOptions, OutboxLag } from './outbox/relay';
export { ConsumerRunner } from './consumer/runner';
export type { ConsumerRunnerOptions } from './consumer/runner';
export { decodeMessage } from './consumer/decode';
export { MisroutedEventError } from './consumer/dead-letter';
export { planEvents, markSkipped, fieldsOf } from './projection/projection';
export type { Projection, StoredDoc, DocMeta, Plan, EventOutcome } from './projection/projection';
export {
  ProjectionCatalog,
  ProjectionConflictError,
  ProjectionConstraintError,
  loadDocs,
  writeDocs,
} from './projection/mongo-projection';
export { rebuildProjection, RebuildError } from './projection/rebuild';
export type { RebuildOptions, RebuildProgress, RebuildResult } from './projection/rebuild';
export { contextFromTraceparent, traceparentOf } from './tracing/traceparent';
export { withRetry, backoffDelay, DEFAULT_BACKOFF } from './retry';
export type { BackoffPolicy, Sleep } from './retry';
export { CounterSet, silentLogger } from './observability';
export type { Logger, Metrics } from './observability';
export { eventStoreReadiness } from './readiness';
export type { Readiness } from './readiness';
export { POINTER_CACHE_MS, REBUILD_WINDOW, StoreProjector } from './projection/store-projection';
export type { RebuildWindow, StoreProjection } from './projection/store-projection';
export { readPage, withRequestedSort } from './projection/read-page';
export { ensureTopics } from './outbox/ensure-topics';
export { CalendarFeed } from './calendar/calendar-feed';
export type { CalendarChange } from './calendar/calendar-feed';
export { runSystemCommand } from './command/system-command';
export { startOwnStore } from './runtime/own-store';
export {
  createKafka,
  kafkaCredentialsFromEnv,
  mongoUrlWithCredentials,
  saslOf,
  topicsProvisioned,
} from './runtime/infra-credentials';
export type { KafkaCredentials } from './runtime/infra-credentials';
export type { OwnStore } from './runtime/own-store';
export { CheckpointWriter, assertExtends } from './checkpoint/writer';
export type { CheckpointWriterOptions } from './checkpoint/writer';
export { CheckpointVerifier } from './checkpoint/verifier';
export type { CheckpointVerifierOptions, CheckpointReport } from './checkpoint/verifier';
export { MemoryCheckpointStore, MongoCheckpointStore } from './checkpoint/store';
export type { CheckpointStore } from './checkpoint/store';
export { HeadsDigest, headLine, statementBytes } from './checkpoint/checkpoint';
export type { SignedCheckpoint, CheckpointStatement } from './checkpoint/checkpoint';
export {
  CHECKPOINT_ALGORITHMS,
  CheckpointKeyError,
  assertCheckpointAlgorithm,
  generateCheckpointKeyPem,
  signingKeyFromPem,
  publicKeyFromPem,
  exportSpki,
  signStatement,
  verifyStatement,
} from './checkpoint/signing';
export type { CheckpointAlgorithm, CheckpointSigningKey, CheckpointPublicKey } from './checkpoint/signing';
export { loadCheckpointKey, localCheckpointKey } from './checkpoint/keys';
export { startCheckpoints } from './checkpoint/start';
export { CheckpointAnchor, verifySignedCheckpoint } from './checkpoint/anchor';
