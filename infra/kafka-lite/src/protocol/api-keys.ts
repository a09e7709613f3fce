/** The APIs this broker implements (version ranges in SUPPORTED, see README). */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  SaslAuthenticate: 36,
} as const;

export type ApiKeyValue = (typeof ApiKey)[keyof typeof ApiKey];

/**
 * [min, max] per API key; every version in a range is implemented. Clients pick the highest version both sides
 * support, so the maxima decide what kafkajs 2.2.4 and librdkafka 2.0 (kcat 1.7) use; they reach the first
 * flexible (KIP-482) version of each API for newer clients. The minima matter too: librdkafka enables a feature
 * only when the broker's range overlaps the versions its feature table names (rdkafka_feature.c), e.g. the
 * idempotent producer needs InitProducerId v0 and the group consumer FindCoordinator/JoinGroup/SyncGroup/
 * Heartbeat/LeaveGroup v0, OffsetFetch v1, OffsetCommit v1–2 — the ranges Kafka 4.0 still serves (KIP-896).
 * Produce below v3 and Fetch below v4 (message formats v0/v1) are not served, as in Kafka 4.0.
 */
export const SUPPORTED: ReadonlyMap<number, readonly [number, number]> = new Map([
  [ApiKey.Produce, [3, 9]],
  [ApiKey.Fetch, [4, 12]],
  [ApiKey.ListOffsets, [1, 6]],
  [ApiKey.Metadata, [4, 9]],
  [ApiKey.OffsetCommit, [2, 8]],
  [ApiKey.OffsetFetch, [1, 7]],
  [ApiKey.FindCoordinator, [0, 3]],
  [ApiKey.JoinGroup, [0, 7]],
  [ApiKey.Heartbeat, [0, 4]],
  [ApiKey.LeaveGroup, [0, 4]],
  [ApiKey.SyncGroup, [0, 5]],
  [ApiKey.DescribeGroups, [2, 5]],
  [ApiKey.ListGroups, [2, 3]],
  [ApiKey.SaslHandshake, [0, 1]],
  [ApiKey.ApiVersions, [0, 3]],
  [ApiKey.CreateTopics, [2, 5]],
  [ApiKey.DeleteTopics, [1, 4]],
  [ApiKey.InitProducerId, [0, 4]],
  [ApiKey.SaslAuthenticate, [0, 2]],
]);

export function isSupported(apiKey: number, version: number): boolean {
  const range = SUPPORTED.get(apiKey);
  return range !== undefined && version >= range[0] && version <= range[1];
}

/**
 * The first flexible (KIP-482 tagged-field) version of each API, from the `flexibleVersions` of Kafka's message
 * JSON schemas (clients/src/main/resources/common/message). SaslHandshake has none.
 */
export const FLEXIBLE_FROM: ReadonlyMap<number, number> = new Map([
  [ApiKey.Produce, 9],
  [ApiKey.Fetch, 12],
  [ApiKey.ListOffsets, 6],
  [ApiKey.Metadata, 9],
  [ApiKey.OffsetCommit, 8],
  [ApiKey.OffsetFetch, 6],
  [ApiKey.FindCoordinator, 3],
  [ApiKey.JoinGroup, 6],
  [ApiKey.Heartbeat, 4],
  [ApiKey.LeaveGroup, 4],
  [ApiKey.SyncGroup, 4],
  [ApiKey.DescribeGroups, 5],
  [ApiKey.ListGroups, 3],
  [ApiKey.ApiVersions, 3],
  [ApiKey.CreateTopics, 5],
  [ApiKey.DeleteTopics, 4],
  [ApiKey.InitProducerId, 2],
  [ApiKey.SaslAuthenticate, 2],
]);

export function isFlexible(apiKey: number, version: number): boolean {
  const from = FLEXIBLE_FROM.get(apiKey);
  return from !== undefined && version >= from;
}
