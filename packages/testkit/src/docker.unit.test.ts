import { dockerAvailability } from './docker';

describe('dockerAvailability', () => {
  it('answers with a reason when no engine is reachable, or with the endpoint when one is', () => {
    const d = dockerAvailability();
    if (d.available) expect(d.endpoint).toMatch(/^(unix|tcp|http)/);
    else expect(d.reason).toMatch(/Docker/);
  });

  it('reports an unreachable DOCKER_HOST as unavailable', () => {
    jest.isolateModules(() => {
      const saved = process.env.DOCKER_HOST;
      process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
      const fresh = require('./docker') as typeof import('./docker');
      const d = fresh.dockerAvailability();
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
      expect(d).toEqual({ available: false, reason: expect.stringContaining('tcp://127.0.0.1:1') });
    });
  });
});
