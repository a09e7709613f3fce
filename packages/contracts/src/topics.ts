const SEGMENT = /^[a-z][a-z0-9-]*$/;

/** One topic per service aggregate, e.g. `peiyu.assessment.sme-evaluation.v1` (architecture.md). */
export function topicFor(service: string, aggregate: string, version = 1): string {
  for (const [name, value] of [
    ['service', service],
    ['aggregate', aggregate],
  ] as const) {
    if (!SEGMENT.test(value)) throw new Error(`topic ${name} must be kebab-case ascii, got "${value}"`);
  }
  if (!Number.isInteger(version) || version < 1) throw new Error(`topic version must be a positive integer`);
  return `peiyu.${service}.${aggregate}.v${version}`;
}

/** The dead-letter companion of a topic. */
export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
