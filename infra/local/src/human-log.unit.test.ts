import { humanLine } from './human-log';

describe('humanLine (the runner in a TTY)', () => {
  it('turns a request line into status, method, path (query names only) and time', () => {
    const json = JSON.stringify({
      level: 30,
      msg: 'request completed',
      req: { id: 'r1', method: 'GET', url: '/v1/sme-entries', queryKeys: ['year', 'valid'] },
      res: { statusCode: 200 },
      responseTime: 12.4,
    });
    expect(humanLine(json)).toBe('200 GET /v1/sme-entries?year&valid 12ms');
  });

  it('shows the level of a warning and leaves non-JSON and info lines readable', () => {
    expect(humanLine(JSON.stringify({ level: 40, msg: 'consumer lagging' }))).toBe('WARN consumer lagging');
    expect(humanLine(JSON.stringify({ level: 30, msg: 'listening', port: 4001 }))).toBe('listening');
    expect(humanLine('plain text')).toBe('plain text');
    expect(humanLine('{not json')).toBe('{not json');
  });
});
