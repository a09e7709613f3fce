import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalCredentials } from './credentials';
import { kafkaAcls, kafkaLiteAcls } from './kafka-acls';
import { databaseOf } from './stack';

describe('local credentials under .peiyu/credentials', () => {
  const home = mkdtempSync(join(tmpdir(), 'peiyu-creds-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('generates an admin and one principal/user per service, private, and keeps them across restarts', () => {
    const first = ensureLocalCredentials(home, ['registry', 'assessment'], databaseOf);
    expect(Object.keys(first.kafka).sort()).toEqual(['admin', 'assessment', 'registry']);
    expect(new Set(Object.values(first.kafka)).size).toBe(3);
    expect(first.mongo.users.map((u) => [u.user, u.roles])).toEqual([
      ['root', [{ role: 'root', db: 'admin' }]],
      ['peiyu-registry', [{ role: 'readWrite', db: 'peiyu-registry' }]],
      ['peiyu-assessment', [{ role: 'readWrite', db: 'peiyu-assessment' }]],
    ]);
    expect(statSync(first.dir).mode & 0o777).toBe(0o700);
    for (const f of ['kafka.json', 'mongo-users.json'])
      expect(statSync(join(first.dir, f)).mode & 0o777).toBe(0o600);
    // a restart (with a service added) keeps every existing password
    const again = ensureLocalCredentials(home, ['registry', 'assessment', 'subsidy'], databaseOf);
    expect(again.kafka).toMatchObject(first.kafka);
    expect(again.mongo.users.slice(0, 3)).toEqual(first.mongo.users);
    expect(JSON.parse(readFileSync(join(first.dir, 'kafka.json'), 'utf8')).users.subsidy).toBeDefined();
  });

  it('refuses a credentials file others may read', () => {
    chmodSync(join(home, 'credentials', 'kafka.json'), 0o644);
    expect(() => ensureLocalCredentials(home, ['registry'], databaseOf)).toThrow(/chmod 600/);
    chmodSync(join(home, 'credentials', 'kafka.json'), 0o600);
  });
});

describe('Kafka ACLs from the topic catalog', () => {
  it('a service writes only what it owns and its dead-letter topics, reads what it consumes, its own groups', () => {
    const acls = kafkaAcls(['registry', 'assessment']);
    const of = (p: string, op: string) =>
      acls.filter((a) => a.principal === p && a.operations.includes(op as never)).map((a) => a.name);
    expect(of('registry', 'Write')).toEqual([
      'peiyu.registry.enterprise.v1',
      'peiyu.registry.working-calendar.v1',
    ]);
    expect(of('registry', 'Read')).toEqual([]);
    expect(of('assessment', 'Write')).toEqual([
      'peiyu.assessment.sme-evaluation.v1',
      'peiyu.assessment.batch.v1',
      'peiyu.registry.enterprise.v1.dlq',
      'peiyu.registry.working-calendar.v1.dlq',
      'peiyu.certification.certificate.v1.dlq',
    ]);
    expect(of('assessment', 'Read')).toEqual([
      'peiyu.registry.enterprise.v1',
      'peiyu.registry.working-calendar.v1',
      'peiyu.certification.certificate.v1',
      'peiyu-assessment-',
    ]);
    expect(kafkaLiteAcls(['registry'])).toEqual([
      {
        principal: 'User:registry',
        resourceType: 'topic',
        resourceName: 'peiyu.registry.enterprise.v1',
        patternType: 'literal',
        operations: ['write'],
      },
      {
        principal: 'User:registry',
        resourceType: 'topic',
        resourceName: 'peiyu.registry.working-calendar.v1',
        patternType: 'literal',
        operations: ['write'],
      },
    ]);
  });
});
