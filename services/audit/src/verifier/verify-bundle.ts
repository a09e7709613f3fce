#!/usr/bin/env node
// The standalone verifier of an audit export. It imports only Node's built-in modules — no project code — so
// an auditor can read all of it, run it anywhere with Node ≥ 20, or re-implement it from the audit README
// ("Export format"). Usage: node verify-bundle.js <bundle.jsonl>   (exit 0 verified, 1 refused, 2 unusable)
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Code-point order of two strings (not UTF-16 unit order): the order canonical JSON sorts keys in. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The canonical JSON of the eventstore README ("Canonical form"), rules 1–6. */
export function canonical(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('a number that is not finite');
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) throw new Error('an unsafe integer');
    return Object.is(v, -0) ? '0' : String(v);
  }
  if (typeof v === 'string') {
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v))
      throw new Error('a lone surrogate');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort(compareCodePoints);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalise a ${typeof v}`);
}

const HASHED = [
  'eventId',
  'streamId',
  'streamVersion',
  'type',
  'schemaVersion',
  'occurredAt',
  'recordedAt',
  'actor',
  'correlationId',
  'causationId',
  'traceparent',
  'data',
];

export function eventHash(alg: string, prevHash: string, e: Record<string, unknown>): string {
  const view: Record<string, unknown> = {};
  for (const f of HASHED) if (e[f] !== undefined) view[f] = e[f];
  return createHash(alg)
    .update(`${prevHash}\n${canonical(view)}`, 'utf8')
    .digest('hex');
}

function merkleRoot(alg: string, lines: string[]): string {
  const d = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash(alg)).digest();
  const root = (leaves: Buffer[]): Buffer => {
    if (leaves.length === 0) return d();
    if (leaves.length === 1) return leaves[0]!;
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return d(Buffer.from([1]), root(leaves.slice(0, k)), root(leaves.slice(k)));
  };
  return root(lines.map((l) => d(Buffer.from([0]), Buffer.from(l, 'utf8')))).toString('hex');
}

export interface BundleReport {
  ok: boolean;
  lines: string[];
  failure?: string;
}

/** Verifies the bundle's text; every check made is a line of the report. */
export function verifyBundle(text: string): BundleReport {
  const lines: string[] = [];
  const refuse = (failure: string): BundleReport => ({ ok: false, lines, failure });
  const records = text.split('\n').filter((l) => l.trim() !== '');
  const parsed: Array<Record<string, Json>> = [];
  try {
    for (const r of records) parsed.push(JSON.parse(r) as Record<string, Json>);
  } catch (err) {
    return refuse(`line ${parsed.length + 1} is not JSON: ${(err as Error).message}`);
  }
  const header: Record<string, Json> = parsed[0] ?? {};
  if (header.kind !== 'peiyu-audit-bundle' || header.format !== 1)
    return refuse('not a peiyu-audit-bundle, format 1');
  const cp = header.checkpoint as Record<string, Json>;
  const pem = String(header.publicKey);
  // 1. The checkpoint is signed by the key the bundle names (keyId = SHA-256 of the SPKI DER, 16 hex digits).
  let key;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    return refuse(`the public key cannot be read: ${(err as Error).message}`);
  }
  const keyId = createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
  if (keyId !== cp.keyId)
    return refuse(`the checkpoint names key ${String(cp.keyId)}, the bundle's key is ${keyId}`);
  const { id, service, at, count, digestAlg, digest, alg } = cp;
  const statement = Buffer.from(
    canonical({ id, service, at, count, digestAlg, digest, alg, keyId: cp.keyId }),
    'utf8',
  );
  let signed: boolean;
  try {
    signed = verify(
      alg === 'sm2-sm3' ? 'sm3' : null,
      statement,
      key,
      Buffer.from(String(cp.signature), 'base64'),
    );
  } catch {
    signed = false;
  }
  if (!signed) return refuse(`checkpoint ${String(id)}: the ${String(alg)} signature does not verify`);
  lines.push(
    `checkpoint ${String(id)} of ${String(service)} at ${String(at)}: ${String(alg)} signature by key ${keyId} verifies`,
  );
  // 2. The heads are the signed ones: the Merkle root over their lines is the signed digest.
  const heads = parsed.filter((r) => r.kind === 'head');
  const leaf = new Map<string, { version: number; hash: string }>();
  const headLines = heads.map((h) => {
    leaf.set(String(h.streamId), { version: Number(h.version), hash: String(h.hash) });
    return `${canonical([h.streamId, h.version, h.hash])}\n`;
  });
  if (heads.length !== count || merkleRoot(String(digestAlg), headLines) !== digest)
    return refuse(`the ${heads.length} heads do not give the signed Merkle root`);
  lines.push(`${heads.length} stream heads give the signed Merkle root ${String(digest).slice(0, 16)}…`);
  // 3. Each exported stream: versions 1, 2, 3…, each prevHash the previous hash, each hash recomputed, and the
  //    last event is the checkpointed head.
  const hashAlg = String(header.hashAlg ?? 'sha256');
  const streams = new Map<string, Array<Record<string, Json>>>();
  for (const e of parsed.filter((r) => r.kind === 'event')) {
    const list = streams.get(String(e.streamId)) ?? [];
    list.push(e);
    streams.set(String(e.streamId), list);
  }
  let events = 0;
  for (const [streamId, list] of streams) {
    let prev = '0'.repeat(64);
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (e.streamVersion !== i + 1)
        return refuse(`${streamId}: version ${String(e.streamVersion)} where ${i + 1} was due (gap)`);
      if (e.prevHash !== prev)
        return refuse(`${streamId} version ${i + 1}: prevHash does not link (broken-link)`);
      let h: string;
      try {
        h = eventHash(hashAlg, prev, e as Record<string, unknown>);
      } catch (err) {
        return refuse(`${streamId} version ${i + 1}: ${(err as Error).message} (hash-mismatch)`);
      }
      if (h !== e.hash)
        return refuse(`${streamId} version ${i + 1}: the hash is not the hash of its bytes (hash-mismatch)`);
      prev = h;
      events++;
    }
    const l = leaf.get(streamId);
    if (!l) return refuse(`${streamId}: no checkpointed head for this stream`);
    if (l.version !== list.length || l.hash !== prev)
      return refuse(
        `${streamId}: ends at version ${list.length}, the checkpoint says ${l.version} (checkpoint-mismatch)`,
      );
  }
  lines.push(
    `${streams.size} streams, ${events} events: versions contiguous, links and ${hashAlg} hashes recomputed, each ending at its signed head`,
  );
  return { ok: true, lines };
}

function main(argv: string[]): number {
  const file = argv.find((a) => !a.startsWith('-'));
  if (!file) {
    process.stderr.write('usage: verify <bundle.jsonl>\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const r = verifyBundle(text);
  for (const l of r.lines) process.stdout.write(`✓ ${l}\n`);
  if (!r.ok) {
    process.stdout.write(`✗ REFUSED: ${r.failure}\n`);
    return 1;
  }
  process.stdout.write('VERIFIED\n');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
export { main as verifyMain };
