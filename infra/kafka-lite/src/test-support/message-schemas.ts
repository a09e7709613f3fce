import { ApiKey } from '../protocol/api-keys';
import { arr, f, type Field } from './schema';

/** Request and response layouts per API, transcribed from Kafka's message JSON files (versions this broker serves). */
export const SCHEMAS: Record<number, { request: Field[]; response: Field[] }> = {
  [ApiKey.Produce]: {
    request: [
      f('transactionalId', 'nstring', 3),
      f('acks', 'int16'),
      f('timeoutMs', 'int32'),
      f(
        'topics',
        arr([f('name', 'string'), f('partitions', arr([f('index', 'int32'), f('records', 'nbytes')]))]),
      ),
    ],
    response: [
      f(
        'topics',
        arr([
          f('name', 'string'),
          f(
            'partitions',
            arr([
              f('index', 'int32'),
              f('errorCode', 'int16'),
              f('baseOffset', 'int64'),
              f('logAppendTimeMs', 'int64', 2),
              f('logStartOffset', 'int64', 5),
              f('recordErrors', arr([f('batchIndex', 'int32'), f('message', 'nstring')]), 8),
              f('errorMessage', 'nstring', 8),
            ]),
          ),
        ]),
      ),
      f('throttleTimeMs', 'int32', 1),
    ],
  },
  [ApiKey.Fetch]: {
    request: [
      f('replicaId', 'int32'),
      f('maxWaitMs', 'int32'),
      f('minBytes', 'int32'),
      f('maxBytes', 'int32', 3),
      f('isolationLevel', 'int8', 4),
      f('sessionId', 'int32', 7),
      f('sessionEpoch', 'int32', 7),
      f(
        'topics',
        arr([
          f('topic', 'string'),
          f(
            'partitions',
            arr([
              f('partition', 'int32'),
              f('currentLeaderEpoch', 'int32', 9),
              f('fetchOffset', 'int64'),
              f('lastFetchedEpoch', 'int32', 12),
              f('logStartOffset', 'int64', 5),
              f('partitionMaxBytes', 'int32'),
            ]),
          ),
        ]),
      ),
      f('forgottenTopics', arr([f('topic', 'string'), f('partitions', arr('int32'))]), 7),
      f('rackId', 'string', 11),
    ],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f('errorCode', 'int16', 7),
      f('sessionId', 'int32', 7),
      f(
        'responses',
        arr([
          f('topic', 'string'),
          f(
            'partitions',
            arr([
              f('partition', 'int32'),
              f('errorCode', 'int16'),
              f('highWatermark', 'int64'),
              f('lastStableOffset', 'int64', 4),
              f('logStartOffset', 'int64', 5),
              f('abortedTransactions', arr([f('producerId', 'int64'), f('firstOffset', 'int64')], true), 4),
              f('preferredReadReplica', 'int32', 11),
              f('records', 'nbytes'),
            ]),
          ),
        ]),
      ),
    ],
  },
  [ApiKey.ListOffsets]: {
    request: [
      f('replicaId', 'int32'),
      f('isolationLevel', 'int8', 2),
      f(
        'topics',
        arr([
          f('name', 'string'),
          f(
            'partitions',
            arr([f('partition', 'int32'), f('currentLeaderEpoch', 'int32', 4), f('timestamp', 'int64')]),
          ),
        ]),
      ),
    ],
    response: [
      f('throttleTimeMs', 'int32', 2),
      f(
        'topics',
        arr([
          f('name', 'string'),
          f(
            'partitions',
            arr([
              f('partition', 'int32'),
              f('errorCode', 'int16'),
              f('timestamp', 'int64', 1),
              f('offset', 'int64', 1),
              f('leaderEpoch', 'int32', 4),
            ]),
          ),
        ]),
      ),
    ],
  },
  [ApiKey.Metadata]: {
    request: [
      f('topics', arr([f('name', 'string')], true)),
      f('allowAutoTopicCreation', 'bool', 4),
      f('includeClusterAuthorizedOperations', 'bool', 8, 10),
      f('includeTopicAuthorizedOperations', 'bool', 8),
    ],
    response: [
      f('throttleTimeMs', 'int32', 3),
      f(
        'brokers',
        arr([f('nodeId', 'int32'), f('host', 'string'), f('port', 'int32'), f('rack', 'nstring', 1)]),
      ),
      f('clusterId', 'nstring', 2),
      f('controllerId', 'int32', 1),
      f(
        'topics',
        arr([
          f('errorCode', 'int16'),
          f('name', 'string'),
          f('isInternal', 'bool', 1),
          f(
            'partitions',
            arr([
              f('errorCode', 'int16'),
              f('partitionIndex', 'int32'),
              f('leaderId', 'int32'),
              f('leaderEpoch', 'int32', 7),
              f('replicaNodes', arr('int32')),
              f('isrNodes', arr('int32')),
              f('offlineReplicas', arr('int32'), 5),
            ]),
          ),
          f('topicAuthorizedOperations', 'int32', 8),
        ]),
      ),
      f('clusterAuthorizedOperations', 'int32', 8, 10),
    ],
  },
  [ApiKey.OffsetCommit]: {
    request: [
      f('groupId', 'string'),
      f('generationId', 'int32', 1),
      f('memberId', 'string', 1),
      f('retentionTimeMs', 'int64', 2, 4),
      f('groupInstanceId', 'nstring', 7),
      f(
        'topics',
        arr([
          f('name', 'string'),
          f(
            'partitions',
            arr([
              f('partitionIndex', 'int32'),
              f('committedOffset', 'int64'),
              f('committedLeaderEpoch', 'int32', 6),
              f('commitTimestamp', 'int64', 1, 1),
              f('committedMetadata', 'nstring'),
            ]),
          ),
        ]),
      ),
    ],
    response: [
      f('throttleTimeMs', 'int32', 3),
      f(
        'topics',
        arr([
          f('name', 'string'),
          f('partitions', arr([f('partitionIndex', 'int32'), f('errorCode', 'int16')])),
        ]),
      ),
    ],
  },
  [ApiKey.OffsetFetch]: {
    request: [
      f('groupId', 'string'),
      f('topics', arr([f('name', 'string'), f('partitionIndexes', arr('int32'))], true)),
      f('requireStable', 'bool', 7),
    ],
    response: [
      f('throttleTimeMs', 'int32', 3),
      f(
        'topics',
        arr([
          f('name', 'string'),
          f(
            'partitions',
            arr([
              f('partitionIndex', 'int32'),
              f('committedOffset', 'int64'),
              f('committedLeaderEpoch', 'int32', 5),
              f('metadata', 'nstring'),
              f('errorCode', 'int16'),
            ]),
          ),
        ]),
      ),
      f('errorCode', 'int16', 2),
    ],
  },
  [ApiKey.FindCoordinator]: {
    request: [f('key', 'string'), f('keyType', 'int8', 1)],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f('errorCode', 'int16'),
      f('errorMessage', 'nstring', 1),
      f('nodeId', 'int32'),
      f('host', 'string'),
      f('port', 'int32'),
    ],
  },
  [ApiKey.JoinGroup]: {
    request: [
      f('groupId', 'string'),
      f('sessionTimeoutMs', 'int32'),
      f('rebalanceTimeoutMs', 'int32', 1),
      f('memberId', 'string'),
      f('groupInstanceId', 'nstring', 5),
      f('protocolType', 'string'),
      f('protocols', arr([f('name', 'string'), f('metadata', 'bytes')])),
    ],
    response: [
      f('throttleTimeMs', 'int32', 2),
      f('errorCode', 'int16'),
      f('generationId', 'int32'),
      f('protocolType', 'nstring', 7),
      f('protocolName', 'nstring'),
      f('leader', 'string'),
      f('memberId', 'string'),
      f(
        'members',
        arr([f('memberId', 'string'), f('groupInstanceId', 'nstring', 5), f('metadata', 'bytes')]),
      ),
    ],
  },
  [ApiKey.Heartbeat]: {
    request: [
      f('groupId', 'string'),
      f('generationId', 'int32'),
      f('memberId', 'string'),
      f('groupInstanceId', 'nstring', 3),
    ],
    response: [f('throttleTimeMs', 'int32', 1), f('errorCode', 'int16')],
  },
  [ApiKey.LeaveGroup]: {
    request: [
      f('groupId', 'string'),
      f('memberId', 'string', 0, 2),
      f('members', arr([f('memberId', 'string'), f('groupInstanceId', 'nstring')]), 3),
    ],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f('errorCode', 'int16'),
      f(
        'members',
        arr([f('memberId', 'string'), f('groupInstanceId', 'nstring'), f('errorCode', 'int16')]),
        3,
      ),
    ],
  },
  [ApiKey.SyncGroup]: {
    request: [
      f('groupId', 'string'),
      f('generationId', 'int32'),
      f('memberId', 'string'),
      f('groupInstanceId', 'nstring', 3),
      f('protocolType', 'nstring', 5),
      f('protocolName', 'nstring', 5),
      f('assignments', arr([f('memberId', 'string'), f('assignment', 'bytes')])),
    ],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f('errorCode', 'int16'),
      f('protocolType', 'nstring', 5),
      f('protocolName', 'nstring', 5),
      f('assignment', 'bytes'),
    ],
  },
  [ApiKey.DescribeGroups]: {
    request: [f('groups', arr('string')), f('includeAuthorizedOperations', 'bool', 3)],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f(
        'groups',
        arr([
          f('errorCode', 'int16'),
          f('groupId', 'string'),
          f('groupState', 'string'),
          f('protocolType', 'string'),
          f('protocolData', 'string'),
          f(
            'members',
            arr([
              f('memberId', 'string'),
              f('groupInstanceId', 'nstring', 4),
              f('clientId', 'string'),
              f('clientHost', 'string'),
              f('memberMetadata', 'bytes'),
              f('memberAssignment', 'bytes'),
            ]),
          ),
          f('authorizedOperations', 'int32', 3),
        ]),
      ),
    ],
  },
  [ApiKey.ListGroups]: {
    request: [],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f('errorCode', 'int16'),
      f('groups', arr([f('groupId', 'string'), f('protocolType', 'string')])),
    ],
  },
  [ApiKey.SaslHandshake]: {
    request: [f('mechanism', 'string')],
    response: [f('errorCode', 'int16'), f('mechanisms', arr('string'))],
  },
  [ApiKey.ApiVersions]: {
    request: [f('clientSoftwareName', 'string', 3), f('clientSoftwareVersion', 'string', 3)],
    response: [
      f('errorCode', 'int16'),
      f('apiKeys', arr([f('apiKey', 'int16'), f('minVersion', 'int16'), f('maxVersion', 'int16')])),
      f('throttleTimeMs', 'int32', 1),
    ],
  },
  [ApiKey.CreateTopics]: {
    request: [
      f(
        'topics',
        arr([
          f('name', 'string'),
          f('numPartitions', 'int32'),
          f('replicationFactor', 'int16'),
          f('assignments', arr([f('partitionIndex', 'int32'), f('brokerIds', arr('int32'))])),
          f('configs', arr([f('name', 'string'), f('value', 'nstring')])),
        ]),
      ),
      f('timeoutMs', 'int32'),
      f('validateOnly', 'bool', 1),
    ],
    response: [
      f('throttleTimeMs', 'int32', 2),
      f(
        'topics',
        arr([
          f('name', 'string'),
          f('errorCode', 'int16'),
          f('errorMessage', 'nstring', 1),
          f('numPartitions', 'int32', 5),
          f('replicationFactor', 'int16', 5),
          f(
            'configs',
            arr(
              [
                f('name', 'string'),
                f('value', 'nstring'),
                f('readOnly', 'bool'),
                f('configSource', 'int8'),
                f('isSensitive', 'bool'),
              ],
              true,
            ),
            5,
          ),
        ]),
      ),
    ],
  },
  [ApiKey.DeleteTopics]: {
    request: [f('topicNames', arr('string')), f('timeoutMs', 'int32')],
    response: [
      f('throttleTimeMs', 'int32', 1),
      f('responses', arr([f('name', 'string'), f('errorCode', 'int16')])),
    ],
  },
  [ApiKey.InitProducerId]: {
    request: [
      f('transactionalId', 'nstring'),
      f('transactionTimeoutMs', 'int32'),
      f('producerId', 'int64', 3),
      f('producerEpoch', 'int16', 3),
    ],
    response: [
      f('throttleTimeMs', 'int32'),
      f('errorCode', 'int16'),
      f('producerId', 'int64'),
      f('producerEpoch', 'int16'),
    ],
  },
  [ApiKey.SaslAuthenticate]: {
    request: [f('authBytes', 'bytes')],
    response: [
      f('errorCode', 'int16'),
      f('errorMessage', 'nstring'),
      f('authBytes', 'bytes'),
      f('sessionLifetimeMs', 'int64', 1),
    ],
  },
};
