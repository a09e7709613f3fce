import { Authorizer } from './authorizer';
import { parseAuthConfig } from './config';

const config = parseAuthConfig({
  users: [{ name: 'svc', password: 'p' }],
  superUsers: ['User:root'],
  acls: [
    {
      principal: 'User:svc',
      resourceType: 'topic',
      resourceName: 'svc.',
      patternType: 'prefixed',
      operations: ['write'],
    },
    {
      principal: 'User:svc',
      resourceType: 'topic',
      resourceName: 'svc.secret',
      operations: ['all'],
      permission: 'deny',
    },
    { principal: 'User:*', resourceType: 'topic', resourceName: 'public', operations: ['read'] },
    { principal: 'User:svc', resourceType: 'group', resourceName: '*', operations: ['read'] },
    { principal: 'User:svc', resourceType: 'cluster', resourceName: 'kafka-cluster', operations: ['create'] },
  ],
});
const authz = new Authorizer(config);

describe('Authorizer (Kafka AclAuthorizer semantics)', () => {
  it('matches literal, prefixed and wildcard resources and principals', () => {
    expect(authz.allows('User:svc', 'write', 'topic', 'svc.events')).toBe(true);
    expect(authz.allows('User:svc', 'write', 'topic', 'svcx.events')).toBe(false);
    expect(authz.allows('User:other', 'read', 'topic', 'public')).toBe(true);
    expect(authz.allows('User:other', 'read', 'topic', 'publicity')).toBe(false);
    expect(authz.allows('User:svc', 'read', 'group', 'any-group')).toBe(true);
    expect(authz.allows('User:svc', 'create', 'cluster', 'kafka-cluster')).toBe(true);
  });

  it('denies what no ACL allows, lets deny win, and implies DESCRIBE from READ/WRITE', () => {
    expect(authz.allows('User:svc', 'read', 'topic', 'svc.events')).toBe(false);
    expect(authz.allows('User:svc', 'write', 'topic', 'svc.secret')).toBe(false);
    expect(authz.allows('User:svc', 'describe', 'topic', 'svc.secret')).toBe(false);
    expect(authz.allows('User:svc', 'describe', 'topic', 'svc.events')).toBe(true);
    expect(authz.allows('User:svc', 'describe', 'group', 'g')).toBe(true);
    expect(authz.allows('User:svc', 'delete', 'topic', 'svc.events')).toBe(false);
  });

  it('lets super users do anything and knows who may write some topic (KIP-679)', () => {
    expect(authz.allows('User:root', 'delete', 'topic', 'anything')).toBe(true);
    expect(authz.allowsOnAnyTopic('User:svc', 'write')).toBe(true);
    expect(authz.allowsOnAnyTopic('User:other', 'write')).toBe(false);
  });

  it('rejects malformed configurations with a readable reason', () => {
    expect(() => parseAuthConfig({ users: [{ name: 'a' }] })).toThrow(/either a password or scramSha256/);
    expect(() =>
      parseAuthConfig({
        users: [
          { name: 'a', password: 'x' },
          { name: 'a', password: 'y' },
        ],
      }),
    ).toThrow(/listed twice/);
    expect(() =>
      parseAuthConfig({
        users: [
          { name: 'a', scramSha256: { salt: 'AAAA', iterations: 100, storedKey: 'AAAA', serverKey: 'AAAA' } },
        ],
      }),
    ).toThrow(/invalid kafka-lite auth config/);
    expect(() =>
      parseAuthConfig({
        users: [],
        acls: [{ principal: 'svc', resourceType: 'topic', resourceName: 't', operations: ['write'] }],
      }),
    ).toThrow(/principal/);
  });
});
