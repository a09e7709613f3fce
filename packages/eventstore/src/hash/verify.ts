import { genesisHash, linkHash, type HashAlgorithm, type HashedEvent } from './chain';

export interface ChainedEvent extends HashedEvent {
  streamVersion: number;
  prevHash: string;
  hash: string;
  /** Global position, when known: it must grow with the version (events are appended in version order). */
  position?: number;
}

/**
 * The one vocabulary of integrity checks (also `IntegrityError.check`):
 * - `gap`: a version is missing (or repeated) — versions must run 1, 2, 3…;
 * - `order`: positions do not grow with versions — events were reordered;
 * - `broken-link`: `prevHash` is not the previous event's `hash`;
 * - `hash-mismatch`: the stored `hash` is not the hash of the event's canonical bytes (or they cannot be formed);
 * - `head-mismatch`: the last event is not the one the stream's head record names (truncated or extended);
 * - `checkpoint-mismatch`: the stream disagrees with the last signed checkpoint (rehashed after the checkpoint).
 */
export type IntegrityCheck =
  'gap' | 'order' | 'broken-link' | 'hash-mismatch' | 'head-mismatch' | 'checkpoint-mismatch';

/** Kept for callers of the earlier name. */
export type BrokenLinkReason = IntegrityCheck;

export type VerifyResult =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: number; reason: IntegrityCheck; detail: string };

export type VerifyFailure = Extract<VerifyResult, { ok: false }>;

/**
 * Incremental verifier: feed events in version order; the first broken link is kept and everything after it
 * is ignored, because once a link is broken the later links prove nothing.
 */
export class ChainVerifier {
  private expectedPrev: string;
  private expectedVersion: number;
  private lastPosition = -Infinity;
  private checked = 0;
  private broken: VerifyFailure | undefined;

  constructor(
    private readonly algorithm: HashAlgorithm = 'sha256',
    from?: { version: number; prevHash: string },
  ) {
    this.expectedVersion = from?.version ?? 1;
    this.expectedPrev = from?.prevHash ?? genesisHash(algorithm);
  }

  /** The version the next event must carry (= last verified version + 1). */
  get nextVersion(): number {
    return this.expectedVersion;
  }

  /** Returns false once the chain is broken (callers may stop reading). */
  push(event: ChainedEvent): boolean {
    if (this.broken) return false;
    const at = event.streamVersion;
    if (at !== this.expectedVersion) return this.fail(at, 'gap', `expected version ${this.expectedVersion}`);
    if (event.position !== undefined) {
      if (event.position <= this.lastPosition)
        return this.fail(at, 'order', `position ${event.position} not after ${this.lastPosition}`);
      this.lastPosition = event.position;
    }
    if (event.prevHash !== this.expectedPrev) return this.fail(at, 'broken-link', 'prevHash differs');
    let actual: string;
    try {
      actual = linkHash(event.prevHash, event, this.algorithm);
    } catch (err) {
      return this.fail(at, 'hash-mismatch', `not hashable: ${(err as Error).message}`);
    }
    if (actual !== event.hash)
      return this.fail(at, 'hash-mismatch', `stored ${event.hash}, computed ${actual}`);
    this.expectedPrev = event.hash;
    this.expectedVersion++;
    this.checked++;
    return true;
  }

  result(): VerifyResult {
    return this.broken ?? { ok: true, checked: this.checked, lastHash: this.expectedPrev };
  }

  private fail(brokenAt: number, reason: IntegrityCheck, detail: string): false {
    this.broken = { ok: false, checked: this.checked, brokenAt, reason, detail };
    return false;
  }
}

/** Verifies a whole stream (or a suffix given its starting link), reporting the first broken version. */
export function verifyChain(
  events: Iterable<ChainedEvent>,
  algorithm: HashAlgorithm = 'sha256',
  from?: { version: number; prevHash: string },
): VerifyResult {
  const v = new ChainVerifier(algorithm, from);
  for (const e of events) if (!v.push(e)) break;
  return v.result();
}

/** A stream's head record: its last version and that event's hash, written in the same transaction. */
export interface HeadRecord {
  version: number;
  hash: string;
}

/**
 * Holds a verified chain against the stream's head record. The chain alone cannot see a deleted last event
 * (the shorter chain still links); the head, moved atomically with every append, can. No head and no events is
 * an empty stream; either one without the other is a mismatch.
 */
export function checkHead(chain: VerifyResult, head: HeadRecord | undefined): VerifyResult {
  if (!chain.ok) return chain;
  const version = chain.checked;
  if (!head && version === 0) return chain;
  if (!head) return headFailure(chain, version, `events up to version ${version} but no head record`);
  if (head.version !== version)
    return headFailure(chain, Math.max(version, head.version), `head record says version ${head.version}`);
  if (head.hash !== chain.lastHash)
    return headFailure(chain, version, `head record hash ${head.hash}, last event ${chain.lastHash}`);
  return chain;
}

function headFailure(chain: VerifyResult, brokenAt: number, detail: string): VerifyFailure {
  return { ok: false, checked: chain.checked, brokenAt, reason: 'head-mismatch', detail };
}
