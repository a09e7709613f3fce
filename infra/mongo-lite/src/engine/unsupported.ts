import { notImplemented } from '../errors';
import { isPlainObject } from './values';

const QUERY_OPS: Record<string, string> = {
  $text: '$text queries (no text indexes)',
  $near: 'geospatial queries ($near)',
  $nearSphere: 'geospatial queries ($nearSphere)',
  $geoWithin: 'geospatial queries ($geoWithin)',
  $geoIntersects: 'geospatial queries ($geoIntersects)',
  $search: 'Atlas Search ($search)',
  $where: '$where (server-side JavaScript)',
  $function: '$function (server-side JavaScript)',
  $accumulator: '$accumulator (server-side JavaScript)',
};

const STAGES: Record<string, string> = {
  $geoNear: 'geospatial aggregation ($geoNear)',
  $search: 'Atlas Search ($search)',
  $searchMeta: 'Atlas Search ($searchMeta)',
  $vectorSearch: 'vector search ($vectorSearch)',
  $changeStream: 'change streams',
  $out: 'the $out stage',
  $merge: 'the $merge stage',
  $collStats: 'the $collStats stage',
  $indexStats: 'the $indexStats stage',
  $currentOp: 'the $currentOp stage',
  $listSessions: 'the $listSessions stage',
  $planCacheStats: 'the $planCacheStats stage',
};

/** Walks a filter or pipeline and rejects operators this server would otherwise answer wrongly. */
export function rejectUnsupported(value: unknown, stages = false): void {
  if (Array.isArray(value)) {
    for (const v of value) rejectUnsupported(v, stages);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const feature = QUERY_OPS[k] ?? (stages ? STAGES[k] : undefined);
    if (feature) throw notImplemented(feature);
    if (k === '$meta') throw notImplemented(`$meta "${String(v)}" (text search scores)`);
    rejectUnsupported(v, stages);
  }
}

/** Cursor kinds that need a capped collection or server-side waiting. */
export function rejectCursorOptions(cmd: Record<string, unknown>): void {
  if (cmd.tailable || cmd.awaitData) throw notImplemented('tailable cursors (no capped collections)');
}

/** Collation changes string comparison everywhere; refuse rather than compare binary. */
export function rejectCollation(cmd: Record<string, unknown>): void {
  if (cmd.collation !== undefined) throw notImplemented('collation');
}
