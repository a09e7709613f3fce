import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { Express } from 'express';

/**
 * Property-based HTTP fuzzing of a service's API (issue 12, `npm run fuzz`): the endpoints are discovered from
 * the service's own `/openapi.json` (built from its endpoint declarations), and fast-check generates requests
 * for them — bodies shaped by each JSON schema with leaves swapped for odd values (lone surrogates, bidi
 * overrides, NUL, zero-width text, wrong types, extra fields), raw bodies that are not JSON, path parameters
 * as known ids, schema-valid values or arbitrary percent-encoded bytes, and the headers a client sends
 * (Authorization of any role and region or garbage, Idempotency-Key, If-Match, Accept-Language,
 * Content-Type). The property: no answer is a 5xx. In process, over one keep-alive loopback connection pool.
 */
export interface FuzzTarget {
  service: string;
  app: Express;
  /** Bearer tokens of principals worth being (every role, in and out of the seeded regions). */
  tokens: readonly string[];
  /** Known values for path parameters (seeded USCCs, years, batch ids), so commands reach their deciders. */
  pathValues: Readonly<Record<string, readonly string[]>>;
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Fuzz queries (GET) too, not only commands (default true). */
  queries?: boolean;
}

export interface FuzzFailure {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  answer: string;
}

export interface FuzzSummary {
  service: string;
  seed: number;
  requests: number;
  /** Command endpoints discovered (method + path) and how many requests each received. */
  commandEndpoints: number;
  /** Command endpoints that received no request (empty when every one was exercised). */
  commandsNotReached: string[];
  endpoints: Record<string, number>;
  statuses: Record<string, number>;
  serverErrors: number;
  durationMs: number;
  failures: FuzzFailure[];
}

interface Operation {
  method: string;
  path: string;
  command: boolean;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  query: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | undefined;
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  [k: string]: unknown;
};

interface FuzzRequest {
  op: Operation;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

// ——— odd values ———

/** Text a careless client or an attacker sends: every class humanText refuses, and some it accepts. */
const ODD_TEXT = [
  '\uD800',
  'A\uDBFFB',
  '\uDC00x',
  '\u0000',
  'a\u0000b',
  '示例\n科技',
  '\r\n',
  '\t',
  '\u202Eevil',
  '\u2066x\u2069',
  '\u200B\u200C\u200D',
  '\uFEFF',
  '\u00AD',
  '\u3164',
  'Cafe\u0301',
  '😀👨‍👩‍👧',
  '\uFFFF',
  '\u007F\u0085\u009F',
  ' ',
  '',
  '培育'.repeat(600),
  "'; DROP TABLE x; --",
  '{"$gt":""}',
  '$where',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '9999-99-99',
  '2026-02-30',
  '1e309',
  '__proto__',
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...ODD_TEXT), fc.string({ maxLength: 10 }))
      .map((p) => p.join('')),
  },
);
const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 60), [], {}, [null], { $ne: null }),
  },
);

/** Header values Node sends: latin1 without CR, LF or other controls (anything else never reaches a server). */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });

// ——— values from a JSON schema ———

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

function validish(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => valueOf(a, depth)));
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => validish({ ...s, type: t }, depth)));
  switch (types[0]) {
    case 'object': {
      const props = s.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = valueOf(v, depth + 1);
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    case 'array':
      return fc.array(s.items ? valueOf(s.items, depth + 1) : oddJson, {
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'string':
      return s.pattern
        ? fc.stringMatching(new RegExp(s.pattern))
        : fc.oneof(fc.constantFrom('示例科技有限公司', '信用修复', '材料不全，请补充', 'x'), fc.string());
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return oddJson;
  }
}

/** Mostly what the schema asks for, sometimes an odd value in its place: the request gets deep, then breaks. */
function valueOf(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 5) return oddJson;
  return fc.oneof({ weight: 5, arbitrary: validish(s, depth) }, { weight: 1, arbitrary: oddJson });
}

function bodyOf(schema: JsonSchema | undefined): fc.Arbitrary<string | Buffer | undefined> {
  const shaped = schema ? validish(schema, 0) : fc.constant({});
  const withExtra = fc
    .tuple(
      shaped,
      fc.constantFrom('extra', '__proto__', 'constructor', '', '\uD800', 'name\u202E', '$where'),
      oddJson,
    )
    .map(([b, k, v]) => (b && typeof b === 'object' && !Array.isArray(b) ? { ...b, [k]: v } : b));
  return fc.oneof(
    { weight: 12, arbitrary: shaped.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: withExtra.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: oddJson.map((b) => JSON.stringify(b) ?? 'null') },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":',
        '[]',
        'null',
        '"\\ud800"',
        '{"name":"\\udfff"}',
        '{"a":1,"a":2}',
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

// ——— paths and headers ———

/** Arbitrary bytes, percent-encoded: invalid UTF-8 and encoded lone surrogates included. */
const encodedBytes = fc
  .uint8Array({ minLength: 1, maxLength: 24 })
  .map((a) => [...a].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''));

function pathParam(
  name: string,
  schema: JsonSchema,
  known: readonly string[] | undefined,
): fc.Arbitrary<string> {
  const safe = (a: fc.Arbitrary<unknown>) =>
    a.map((v) => {
      try {
        return encodeURIComponent(String(v));
      } catch {
        return 'x'; // a lone surrogate cannot be percent-encoded as UTF-8; encodedBytes covers those bytes
      }
    });
  const arbs: Array<fc.WeightedArbitrary<string>> = [
    { weight: 2, arbitrary: safe(validish(schema, 0)) },
    { weight: 1, arbitrary: encodedBytes },
    { weight: 1, arbitrary: safe(oddString) },
    // a surrogate as CESU-8 bytes, an overlong slash, a NUL, a dot segment: what decoders choke on
    { weight: 1, arbitrary: fc.constantFrom('%ED%A0%80', '%C0%AF', '%00', '..', '%2e%2e', '%', '%zz') },
  ];
  if (known?.length) arbs.push({ weight: 8, arbitrary: fc.constantFrom(...known) });
  void name;
  return fc.oneof(...arbs);
}

function headersOf(tokens: readonly string[], command: boolean): fc.Arbitrary<Record<string, string>> {
  const optional = (a: fc.Arbitrary<string>, weight = 1) =>
    fc.oneof({ weight, arbitrary: a.map((v) => v as string | undefined) }, fc.constant(undefined));
  return fc
    .record({
      Authorization: fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...tokens).map((t) => `Bearer ${t}`) },
        { weight: 1, arbitrary: headerText(40).map((t) => `Bearer ${t}`) },
        { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Basic YWRtaW46YWRtaW4=', 'bearer x.y.z') },
        { weight: 1, arbitrary: fc.constant(undefined as string | undefined) },
      ),
      'Idempotency-Key': optional(
        fc.oneof(
          fc.stringMatching(/^[\x21-\x7e]{1,12}$/),
          fc.constantFrom('k-1', 'k-2', 'k-3'),
          headerText(30),
          fc.constant('k'.repeat(250)),
        ),
      ),
      'If-Match': optional(
        fc.oneof(
          fc.integer({ min: 0, max: 6 }).map((v) => `"${v}"`),
          fc.constantFrom('W/"1"', '*', '"abc"', '"-1"', '"99999999999999999999"', ''),
          headerText(20),
        ),
      ),
      'Accept-Language': optional(
        fc.oneof(
          fc.constantFrom('zh-CN', 'zh', 'en', 'zh-CN,zh;q=0.9,en;q=0.8', 'en-US,en;q=0.5', '*', 'xx'),
          headerText(40),
        ),
      ),
      'Content-Type': fc.oneof(
        { weight: 10, arbitrary: fc.constant('application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'application/json; charset=latin1',
            'application/problem+json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
          ),
        },
      ),
    })
    .map((h) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(h)) {
        if (v === undefined) continue;
        if (!command && (k === 'Idempotency-Key' || k === 'If-Match')) continue;
        out[k] = v;
      }
      return out;
    });
}

function requestOf(op: Operation, target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(
    ...op.pathParams.map((p) => pathParam(p.name, p.schema, target.pathValues[p.name])),
  );
  const query = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...(op.query.length ? op.query.map((q) => q.name) : ['page'])), fc.string()),
      fc.oneof(fc.constantFrom('1', '2', '20', '0', '-1', '1000', '2026', '410402', '410000'), oddString),
    ),
    { maxLength: 3 },
  );
  return fc
    .record({
      params: op.pathParams.length ? params : fc.constant([] as string[]),
      query,
      headers: headersOf(target.tokens, op.command),
      body: op.method === 'get' ? fc.constant(undefined) : bodyOf(op.body),
    })
    .map(({ params: values, query: q, headers, body }) => {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => values[i++] ?? 'x');
      const search = new URLSearchParams();
      for (const [k, v] of q) {
        try {
          search.append(k, v);
        } catch {
          /* lone surrogate in a query string: not sendable as UTF-8 */
        }
      }
      const qs = search.toString();
      return { op, path: qs ? `${path}?${qs}` : path, headers, body };
    });
}

// ——— discovery and sending ———

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const parameters = (raw['parameters'] ?? []) as Array<{ name: string; in: string; schema: JsonSchema }>;
      const content = (raw['requestBody'] as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content;
      ops.push({
        method,
        path,
        command: parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

function send(
  port: number,
  agent: http.Agent,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: method.toUpperCase(),
        path,
        agent,
        headers: { ...headers, ...(payload ? { 'Content-Length': String(payload.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Fuzzes the target's endpoints with `runs` generated requests; the summary says how many answered ≥ 500. */
export async function fuzzHttp(target: FuzzTarget, options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const seed = options.seed ?? randomInt(2 ** 31 - 1);
  const server = target.app.listen(0, '127.0.0.1');
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const summary: FuzzSummary = {
    service: target.service,
    seed,
    requests: 0,
    commandEndpoints: 0,
    commandsNotReached: [],
    endpoints: {},
    statuses: {},
    serverErrors: 0,
    durationMs: 0,
    failures: [],
  };
  try {
    const doc = JSON.parse((await send(port, agent, 'get', '/openapi.json', {})).text);
    const ops = operationsOf(doc).filter((o) => o.command || options.queries !== false);
    summary.commandEndpoints = ops.filter((o) => o.command).length;
    // Commands three times as often as queries: they are the subject; queries ride along.
    const arb = fc.oneof(
      ...ops.map((op) => ({ weight: op.command ? 3 : 1, arbitrary: requestOf(op, target) })),
    );
    const chunk = 500;
    for (let done = 0; done < options.runs; done += chunk) {
      const batch = fc.sample(arb, { numRuns: Math.min(chunk, options.runs - done), seed: seed + done });
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const r = batch[next++]!;
          const { status, text } = await send(port, agent, r.op.method, r.path, r.headers, r.body);
          const name = `${r.op.method.toUpperCase()} ${r.op.path}`;
          summary.endpoints[name] = (summary.endpoints[name] ?? 0) + 1;
          summary.statuses[status] = (summary.statuses[status] ?? 0) + 1;
          summary.requests++;
          if (status >= 500) {
            summary.serverErrors++;
            if (summary.failures.length < 10) {
              summary.failures.push({
                method: r.op.method,
                path: r.path,
                headers: r.headers,
                body: Buffer.isBuffer(r.body) ? `base64:${r.body.toString('base64')}` : r.body,
                status,
                answer: text.slice(0, 500),
              });
            }
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    }
    summary.commandsNotReached = ops
      .filter((o) => o.command)
      .map((o) => `${o.method.toUpperCase()} ${o.path}`)
      .filter((name) => !summary.endpoints[name]);
  } finally {
    agent.destroy();
    await new Promise<void>((ok) => server.close(() => ok()));
    summary.durationMs = Math.round(performance.now() - started);
  }
  return summary;
}
