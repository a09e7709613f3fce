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
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
} as const;

export type ApiKeyValue = (typeof ApiKey)[keyof typeof ApiKey];

/** [min, max] per API key. Only ApiVersions accepts a range, so that any client can discover the rest. */
export const SUPPORTED: ReadonlyMap<number, readonly [number, number]> = new Map([
  [ApiKey.ApiVersions, [0, 2]],
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
