import type { z } from 'zod';
import type { EventDefinition } from './event-definition';
import {
  ContractError,
  EventValidationError,
  UnknownEventTypeError,
  UnknownEventVersionError,
} from './errors';

export interface Upcaster {
  type: string;
  fromVersion: number;
  toVersion: number;
  /** Pure: old data (already valid for fromVersion) → data valid for toVersion. */
  upcast(data: unknown): unknown;
}

export interface RawEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export interface DecodedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

function issuesOf(err: z.ZodError): Array<{ path: string; message: string }> {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Knows every event type and version a service may read. Old versions stay registered, unedited; an
 * upcaster lifts each old version one step, so stored events are read as the latest shape.
 */
export class EventRegistry {
  private readonly defs = new Map<string, Map<number, EventDefinition>>();
  private readonly upcasters = new Map<string, Map<number, Upcaster>>();
  /** Each type's latest version, kept at registration (decode asks for it on every event read). */
  private readonly latest = new Map<string, number>();

  register(...defs: EventDefinition[]): this {
    for (const def of defs) {
      const versions = this.defs.get(def.type) ?? new Map<number, EventDefinition>();
      if (versions.has(def.version)) throw new Error(`event ${def.type} v${def.version} registered twice`);
      versions.set(def.version, def);
      this.defs.set(def.type, versions);
      this.latest.set(def.type, Math.max(def.version, this.latest.get(def.type) ?? def.version));
    }
    return this;
  }

  registerUpcaster(u: Upcaster): this {
    const versions = this.defs.get(u.type);
    if (!versions?.has(u.fromVersion) || !versions.has(u.toVersion)) {
      throw new Error(
        `upcaster ${u.type} v${u.fromVersion}→v${u.toVersion}: both versions must be registered`,
      );
    }
    if (u.toVersion <= u.fromVersion) throw new Error(`upcaster ${u.type} must go to a newer version`);
    const byFrom = this.upcasters.get(u.type) ?? new Map<number, Upcaster>();
    if (byFrom.has(u.fromVersion))
      throw new Error(`upcaster ${u.type} from v${u.fromVersion} registered twice`);
    byFrom.set(u.fromVersion, u);
    this.upcasters.set(u.type, byFrom);
    return this;
  }

  types(): string[] {
    return [...this.defs.keys()].sort();
  }

  /** Whether any version of `type` is registered. */
  has(type: string): boolean {
    return this.defs.has(type);
  }

  latestVersion(type: string): number {
    const latest = this.latest.get(type);
    if (latest === undefined)
      throw new UnknownEventTypeError(`unknown event type "${type}"`, type, undefined);
    return latest;
  }

  /** Checks data against its own version's schema (append time). Returns the parsed data. */
  validate(raw: RawEvent): unknown {
    return this.parseWith(this.definition(raw.type, raw.schemaVersion), raw.data);
  }

  /** Validates, upcasts to the latest version, validates again. Throws only ContractError subclasses. */
  decode(raw: RawEvent): DecodedEvent {
    if (typeof raw?.type !== 'string' || !Number.isInteger(raw.schemaVersion)) {
      throw new ContractError(
        'not an event: type and integer schemaVersion are required',
        String(raw?.type),
        undefined,
      );
    }
    let version = raw.schemaVersion;
    let data = this.validate(raw);
    const latest = this.latestVersion(raw.type);
    while (version < latest) {
      const step = this.upcasters.get(raw.type)?.get(version);
      if (!step) {
        throw new UnknownEventVersionError(
          `no upcaster for ${raw.type} from v${version} (latest is v${latest})`,
          raw.type,
          version,
        );
      }
      try {
        data = step.upcast(data);
      } catch (err) {
        throw new ContractError(
          `upcaster ${raw.type} v${version}→v${step.toVersion} failed: ${(err as Error).message}`,
          raw.type,
          version,
        );
      }
      version = step.toVersion;
      data = this.parseWith(this.definition(raw.type, version), data);
    }
    return { type: raw.type, schemaVersion: version, data };
  }

  private definition(type: string, version: number): EventDefinition {
    const versions = this.defs.get(type);
    if (!versions) throw new UnknownEventTypeError(`unknown event type "${type}"`, type, version);
    const def = versions.get(version);
    if (!def) {
      const known = [...versions.keys()].sort((a, b) => a - b).join(', ');
      throw new UnknownEventVersionError(
        `unknown version v${version} of ${type} (known: ${known})`,
        type,
        version,
      );
    }
    return def;
  }

  private parseWith(def: EventDefinition, data: unknown): unknown {
    const result = def.schema.safeParse(data);
    if (!result.success) {
      const issues = issuesOf(result.error);
      const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
      throw new EventValidationError(
        `invalid ${def.type} v${def.version}: ${summary}`,
        def.type,
        def.version,
        issues,
      );
    }
    return result.data;
  }
}
