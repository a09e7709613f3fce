/**
 * Stream ids, built and parsed by one helper per stream type, so no other code repeats their format. The
 * catalog (topic-catalog.ts) maps each stream type to the topic its events are published on.
 */
export interface StreamType<Key> {
  readonly name: string;
  id(key: Key): string;
  /** The key of an id of this type; null for an id of another type. */
  parse(id: string): Key | null;
}

function streamType<Key>(
  name: string,
  prefix: string,
  encode: (k: Key) => string,
  decode: (rest: string) => Key | null,
): StreamType<Key> {
  return {
    name,
    id: (key) => prefix + encode(key),
    parse: (id) => (id.startsWith(prefix) ? decode(id.slice(prefix.length)) : null),
  };
}

/** One stream per enterprise (registry), keyed by USCC. */
export const ENTERPRISE_STREAM = streamType<{ uscc: string }>(
  'enterprise',
  'enterprise-',
  (k) => k.uscc,
  (uscc) => ({ uscc }),
);

/** One stream per enterprise and campaign year (assessment). */
export const SME_EVALUATION_STREAM = streamType<{ uscc: string; year: number }>(
  'sme-evaluation',
  'sme-evaluation-',
  (k) => `${k.uscc}-${k.year}`,
  (rest) => {
    const m = /^(.+)-(\d{4})$/.exec(rest);
    return m ? { uscc: m[1]!, year: Number(m[2]) } : null;
  },
);

/** One stream per provincial batch (assessment). */
export const SME_BATCH_STREAM = streamType<{ batchId: string }>(
  'sme-batch',
  'sme-batch-',
  (k) => k.batchId,
  (batchId) => ({ batchId }),
);

/** One stream per calendar year of the working-day calendar (registry: reference data the admin publishes). */
export const WORKING_CALENDAR_STREAM = streamType<{ year: number }>(
  'working-calendar',
  'working-calendar-',
  (k) => String(k.year),
  (rest) => (/^\d{4}$/.test(rest) ? { year: Number(rest) } : null),
);

export const enterpriseStreamId = (uscc: string): string => ENTERPRISE_STREAM.id({ uscc });
export const smeEvaluationStreamId = (uscc: string, year: number): string =>
  SME_EVALUATION_STREAM.id({ uscc, year });
export const smeBatchStreamId = (batchId: string): string => SME_BATCH_STREAM.id({ batchId });
