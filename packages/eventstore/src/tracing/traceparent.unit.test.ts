import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { contextFromTraceparent } from './traceparent';

describe('contextFromTraceparent', () => {
  it('makes the traceparent the remote parent', () => {
    const ctx = contextFromTraceparent(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      ROOT_CONTEXT,
    );
    expect(trace.getSpanContext(ctx)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      isRemote: true,
    });
  });

  it('ignores missing, malformed and all-zero ids', () => {
    for (const tp of [undefined, 'garbage', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`]) {
      expect(trace.getSpanContext(contextFromTraceparent(tp, ROOT_CONTEXT))).toBeUndefined();
    }
  });
});
