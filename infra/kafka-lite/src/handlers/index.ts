import { ApiKey } from '../protocol/api-keys';
import type { Handler } from './context';
import { apiVersions, createTopics, deleteTopics, metadata } from './admin';
import { fetch } from './fetch';
import {
  describeGroups,
  findCoordinator,
  heartbeat,
  initProducerId,
  joinGroup,
  leaveGroup,
  listGroups,
  syncGroup,
} from './groups';
import { listOffsets, offsetCommit, offsetFetch } from './offsets';
import { produce } from './produce';
import { saslAuthenticate, saslHandshake } from './sasl';

export const HANDLERS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [ApiKey.ApiVersions, apiVersions],
  [ApiKey.Metadata, metadata],
  [ApiKey.CreateTopics, createTopics],
  [ApiKey.DeleteTopics, deleteTopics],
  [ApiKey.Produce, produce],
  [ApiKey.Fetch, fetch],
  [ApiKey.ListOffsets, listOffsets],
  [ApiKey.OffsetCommit, offsetCommit],
  [ApiKey.OffsetFetch, offsetFetch],
  [ApiKey.FindCoordinator, findCoordinator],
  [ApiKey.JoinGroup, joinGroup],
  [ApiKey.SyncGroup, syncGroup],
  [ApiKey.Heartbeat, heartbeat],
  [ApiKey.LeaveGroup, leaveGroup],
  [ApiKey.DescribeGroups, describeGroups],
  [ApiKey.ListGroups, listGroups],
  [ApiKey.InitProducerId, initProducerId],
  [ApiKey.SaslHandshake, saslHandshake],
  [ApiKey.SaslAuthenticate, saslAuthenticate],
]);
