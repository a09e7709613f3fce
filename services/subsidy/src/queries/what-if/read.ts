import type { ReadModels } from '../../read-models/read-models';
import type { WhatIfFact } from '../../domain';

/** The filter of the what-if's read: the calculated entitlements of a period (by fact date) in a scope. */
export function whatIfFilter(
  scope: Record<string, unknown>,
  from: string,
  to: string,
): Record<string, unknown> {
  return { ...scope, status: 'calculated', factDate: { $gte: from, $lte: to } };
}

/**
 * The recorded facts a what-if replays, read from the entitlements read model: only each calculation's
 * `whatIfFact` is fetched — the documents also hold the whole trace (parameters, inputs, intermediate values),
 * several times the size of the facts, which the replay never reads (the bench measured the difference).
 */
export async function readWhatIfFacts(
  coll: Awaited<ReturnType<ReadModels['entitlements']>>,
  scope: Record<string, unknown>,
  from: string,
  to: string,
): Promise<WhatIfFact[]> {
  const docs = await coll
    .find(whatIfFilter(scope, from, to), { projection: { _id: 0, whatIfFact: 1 } })
    .toArray();
  const facts: WhatIfFact[] = [];
  for (const d of docs) if (d.whatIfFact) facts.push(d.whatIfFact as WhatIfFact);
  return facts;
}
