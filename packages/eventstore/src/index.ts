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
export { verifyChain, ChainVerifier } from './hash/verify';
export type { VerifyResult, ChainedEvent, BrokenLinkReason } from './hash/verify';
export { fold } from './decider/decider';
export type { Decider, DecisionContext } from './decider/decider';
export { deciderSpec } from './decider/spec';
export { ConcurrencyError, InvalidAppendError } from './store/errors';
export type { EventCodec, CodecInput } from './store/codec';
export type { EventStore, ReadStreamOptions, ReadAllOptions, AppendResult } from './store/event-store';
export { MemoryEventStore } from './store/memory-store';
export { handleCommand } from './command/handle-command';
export type { HandleOptions, HandleResult } from './command/handle-command';
