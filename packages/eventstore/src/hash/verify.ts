import { genesisHash, linkHash, type HashAlgorithm, type HashedEvent } from './chain';

export interface ChainedEvent extends HashedEvent {
  streamVersion: number;
  prevHash: string;
  hash: string;
}

export type BrokenLinkReason = 'version-gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'unhashable';

export type VerifyResult =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: number; reason: BrokenLinkReason; detail: string };

/**
 * Incremental verifier: feed events in version order; the first broken link is kept and everything after it
 * is ignored, because once a link is broken the later links prove nothing.
 */
export class ChainVerifier {
  private expectedPrev: string;
  private expectedVersion: number;
  private checked = 0;
  private broken: Extract<VerifyResult, { ok: false }> | undefined;

  constructor(
    private readonly algorithm: HashAlgorithm = 'sha256',
    from?: { version: number; prevHash: string },
  ) {
    this.expectedVersion = from?.version ?? 1;
    this.expectedPrev = from?.prevHash ?? genesisHash(algorithm);
  }

  /** Returns false once the chain is broken (callers may stop reading). */
  push(event: ChainedEvent): boolean {
    if (this.broken) return false;
    const at = event.streamVersion;
    if (at !== this.expectedVersion)
      return this.fail(at, 'version-gap', `expected version ${this.expectedVersion}`);
    if (event.prevHash !== this.expectedPrev) return this.fail(at, 'prev-hash-mismatch', 'prevHash differs');
    let actual: string;
    try {
      actual = linkHash(event.prevHash, event, this.algorithm);
    } catch (err) {
      return this.fail(at, 'unhashable', (err as Error).message);
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

  private fail(brokenAt: number, reason: BrokenLinkReason, detail: string): false {
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
