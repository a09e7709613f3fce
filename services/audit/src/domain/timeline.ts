import { maskContact } from '@peiyu/service-kit';
import { ENTERPRISE_STREAM, SME_EVALUATION_STREAM } from '@peiyu/contracts';

/** The enterprise (USCC) a stream is about, where its id says so (registry and assessment streams). */
export function usccOfStream(streamId: string): string | undefined {
  return ENTERPRISE_STREAM.parse(streamId)?.uscc ?? SME_EVALUATION_STREAM.parse(streamId)?.uscc;
}

/** The enterprises an event is about: its stream's, and any named in its data (batch items, certificates…). */
export function usccsOfEvent(streamId: string, data: unknown): string[] {
  const found = new Set<string>();
  const own = usccOfStream(streamId);
  if (own) found.add(own);
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v)) {
      if (k === 'uscc' && typeof x === 'string') found.add(x);
      else walk(x, depth + 1);
    }
  };
  walk(data, 0);
  return [...found];
}

const isContact = (v: unknown): v is { name: string; phone: string; email: string } =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as Record<string, unknown>).phone === 'string' &&
  typeof (v as Record<string, unknown>).email === 'string' &&
  typeof (v as Record<string, unknown>).name === 'string';

/**
 * Personal data masked wherever it sits in an event's data or a state (PIPL: an auditor needs the facts and the
 * hashes, not the contact person's phone): every contact object goes through the kit's masks. The hashes shown
 * beside are of the unmasked bytes, so an auditor who needs the original asks for it through the owner.
 */
export function maskPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (value === null || typeof value !== 'object') return value;
  if (isContact(value)) return { ...value, ...maskContact(value) };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonal(v)]));
}

/** Whether a value carries personal data (then reading it is logged). */
export function hasPersonal(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPersonal);
  if (value === null || typeof value !== 'object') return false;
  return isContact(value) || Object.values(value).some(hasPersonal);
}

/** The end of a calendar day in China (UTC+8) as an instant: "as of 2026-03-01" includes all of that day. */
export function endOfDayInChina(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString();
}
