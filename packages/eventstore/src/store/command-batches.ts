import { Long, type Document } from 'mongodb';
import type { Db } from './mongo-docs';

export interface FindBatchesQuery {
  collection: string;
  filter: Document;
  sort: Document;
  batchSize: number;
}

interface CursorReply {
  cursor: { id: number | Long; firstBatch?: Document[]; nextBatch?: Document[] };
}

/** The server's cursor id as the getMore and killCursors commands take it: always an int64. */
const cursorIdOf = (id: number | Long): Long => (typeof id === 'number' ? Long.fromNumber(id) : id);

/**
 * A query read a server batch at a time through the `find` and `getMore` commands themselves, each reply
 * decoded once, whole. The driver's cursor (even with `raw: true`) first splits every reply into per-document
 * views and copies each document's bytes out before they are decoded; on a whole-store read that cost as much
 * as the decoding (issue 19 §2, "mongo-lite reads", docs/performance.md).
 *
 * The next batch is asked for before the current one is handed on, so the server encodes it while the caller
 * folds this one. All commands of one read run in one explicit session: a server refuses a getMore from a
 * session other than the cursor's. A reader that stops early has its cursor killed.
 */
export async function* findBatches(db: Db, query: FindBatchesQuery): AsyncGenerator<Document[]> {
  // the read is ordered by positions, not by causal consistency: no afterClusterTime for its find
  const session = db.client.startSession({ causalConsistency: false });
  const readConcern = db.readConcern ? { readConcern: { level: db.readConcern.level } } : {};
  let cursorId = Long.ZERO;
  let next: Promise<Document> | undefined;
  try {
    next = db.command(
      {
        find: query.collection,
        filter: query.filter,
        sort: query.sort,
        batchSize: query.batchSize,
        ...readConcern,
      },
      { session },
    );
    while (next) {
      const reply = (await next) as CursorReply;
      next = undefined;
      cursorId = cursorIdOf(reply.cursor.id);
      if (!cursorId.isZero()) {
        next = db.command(
          { getMore: cursorId, collection: query.collection, batchSize: query.batchSize },
          { session },
        );
        // handled here so a failure while the caller folds is not reported as unhandled; awaited above
        next.catch(() => undefined);
      }
      yield reply.cursor.firstBatch ?? reply.cursor.nextBatch ?? [];
    }
  } finally {
    if (next) {
      // the caller stopped early: the batch asked for ahead is dropped, the cursor it leaves killed
      const reply = (await next.catch(() => undefined)) as CursorReply | undefined;
      cursorId = reply ? cursorIdOf(reply.cursor.id) : cursorId;
      if (!cursorId.isZero())
        await db
          .command({ killCursors: query.collection, cursors: [cursorId] }, { session })
          .catch(() => undefined);
    }
    await session.endSession();
  }
}
