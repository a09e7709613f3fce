/** The APIs this broker implements, each at exactly the version kafkajs 2.2.x settles on (see README). */
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

/** [min, max] per API key. Only ApiVersions accepts a range, so that any client can discover the rest. */
export const SUPPORTED: ReadonlyMap<number, readonly [number, number]> = new Map([
  [ApiKey.ApiVersions, [0, 3]],
  [ApiKey.SaslHandshake, [0, 1]],
  [ApiKey.SaslAuthenticate, [0, 2]],
  [ApiKey.Metadata, [6, 6]],
  [ApiKey.Produce, [7, 7]],
  [ApiKey.Fetch, [11, 11]],
  [ApiKey.ListOffsets, [3, 3]],
  [ApiKey.FindCoordinator, [2, 2]],
  [ApiKey.JoinGroup, [5, 5]],
  [ApiKey.SyncGroup, [3, 3]],
  [ApiKey.Heartbeat, [3, 3]],
  [ApiKey.LeaveGroup, [3, 3]],
  [ApiKey.OffsetCommit, [5, 5]],
  [ApiKey.OffsetFetch, [4, 4]],
  [ApiKey.CreateTopics, [3, 3]],
  [ApiKey.DeleteTopics, [1, 1]],
  [ApiKey.DescribeGroups, [2, 2]],
  [ApiKey.ListGroups, [2, 2]],
  [ApiKey.InitProducerId, [1, 1]],
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
