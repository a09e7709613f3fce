import type { AclEntry, AuthConfig, Operation, ResourceType } from './config';

/** Operations that imply DESCRIBE when allowed (Kafka's AclAuthorizer: READ, WRITE, DELETE, ALTER). */
const IMPLIES_DESCRIBE: readonly Operation[] = ['read', 'write', 'delete', 'alter'];

/**
 * Kafka's default authorizer semantics: super users may do anything; otherwise an operation needs a matching
 * allow ACL and no matching deny ACL; nothing matching means denied (allow.everyone.if.no.acl.found=false).
 */
export class Authorizer {
  private readonly superUsers: ReadonlySet<string>;

  constructor(private readonly config: Pick<AuthConfig, 'acls' | 'superUsers'>) {
    this.superUsers = new Set(config.superUsers);
  }

  allows(principal: string, op: Operation, type: ResourceType, name: string): boolean {
    if (this.superUsers.has(principal)) return true;
    const matching = this.config.acls.filter((a) => appliesTo(a, principal, type, name));
    if (matching.some((a) => a.permission === 'deny' && covers(a, op, 'deny'))) return false;
    return matching.some((a) => a.permission === 'allow' && covers(a, op, 'allow'));
  }

  /** Whether the principal may `op` some topic at all (KIP-679: idempotent produce needs write on any topic). */
  allowsOnAnyTopic(principal: string, op: Operation): boolean {
    if (this.superUsers.has(principal)) return true;
    return this.config.acls.some(
      (a) =>
        a.resourceType === 'topic' &&
        a.permission === 'allow' &&
        principalMatches(a, principal) &&
        covers(a, op, 'allow'),
    );
  }
}

function principalMatches(a: AclEntry, principal: string): boolean {
  return a.principal === principal || a.principal === 'User:*';
}

function appliesTo(a: AclEntry, principal: string, type: ResourceType, name: string): boolean {
  if (a.resourceType !== type || !principalMatches(a, principal)) return false;
  if (a.resourceName === '*') return true;
  return a.patternType === 'prefixed' ? name.startsWith(a.resourceName) : name === a.resourceName;
}

function covers(a: AclEntry, op: Operation, permission: 'allow' | 'deny'): boolean {
  if (a.operations.includes('all') || a.operations.includes(op)) return true;
  // Only allows imply DESCRIBE; a deny of READ does not deny DESCRIBE (as in Kafka).
  return (
    permission === 'allow' && op === 'describe' && a.operations.some((o) => IMPLIES_DESCRIBE.includes(o))
  );
}
