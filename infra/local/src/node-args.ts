/**
 * The Node settings every service process runs with: here (`startChild`, so `npm start`, the tests' stacks and
 * the command-path bench), in the image (the Dockerfile's CMD, held equal by compose.unit.test.ts), and in the
 * `bench` scripts that run a service's code in their own process (event store, assessment, audit, subsidy).
 *
 * `--max-semi-space-size=64` (MB; V8's default on 64-bit is 16): a projection's catch-up or rebuild and the
 * audit's replay read the store a batch of 1,000 decoded events at a time, and each batch is still alive while
 * the next reply is decoded. With 16 MB semi-spaces the young generation's scavenges copied and promoted those
 * batches over and over: the store's read spent 17–22 µs of CPU per event against 9–12 µs for decoding the same
 * bytes, and at 64 MB 14–19 (`docs/performance.md`, "Sixth round"). The space grows only under that
 * allocation rate, so an idle service's memory does not change.
 */
export const SERVICE_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
