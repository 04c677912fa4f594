import { InvalidOptionError } from '../errors/invalid-option-error';

/** Identifies whose slot it is: the package that owns the state and the version of this copy of it. */
export interface GlobalSlotOwner {
  /** npm name of the package that owns the state, e.g. `@tasklens/wandb`. */
  readonly packageName: string;
  /** Semver version of this copy of the owning package (its `VERSION`). */
  readonly version: string;
}

/** One named piece of process-wide state, shared by every copy of its package with the same major. */
export interface GlobalSlot<T> {
  /** The current value, or undefined when none is stored. */
  get(): T | undefined;
  /** Stores `value`; `undefined` empties the slot. */
  set(value: T | undefined): void;
  /** The current value, created with `create` and stored first when the slot is empty. */
  getOrCreate(create: () => T): T;
  /**
   * A JavaScript expression that evaluates to the slot's value in this thread, for code that runs
   * without our modules (an inspector `Runtime.evaluate`).
   */
  readonly expression: string;
}

/** What lives on `globalThis` under one package's compatibility key. */
interface SlotHolder {
  /** Version of the copy that created the holder, for whoever debugs a process. */
  readonly version: string;
  readonly slots: Map<string, unknown>;
}

/**
 * The part of a version whose copies must agree on the shape of shared state: the major, or for
 * 0.x the minor too (semver lets 0.x minors break), as OpenTelemetry's global API decides.
 */
export function compatibilityLine(version: string): string {
  const match = /^(\d+)\.(\d+)\.\d+/.exec(version);
  if (match === null) {
    throw new InvalidOptionError({
      option: 'globalSlot.version',
      message: `globalSlot: version must be a semver version such as 1.2.3, got ${JSON.stringify(version)}`,
    });
  }
  return match[1] === '0' ? `0.${match[2]}` : match[1]!;
}

/** The `Symbol.for` key of one package's holder on `globalThis`, e.g. `tasklens.global.@tasklens/core@1`. */
export function globalSlotKeyName(owner: GlobalSlotOwner): string {
  return `tasklens.global.${owner.packageName}@${compatibilityLine(owner.version)}`;
}

/**
 * A process-wide slot keyed by the owner's package name and major version, as OpenTelemetry keys its
 * global API: copies of a package with the same major (a plugin that bundles its own core, two
 * bundles of one app) share the value; copies of different majors each get their own and cannot
 * corrupt each other. Within a major a slot's value may only change shape compatibly; an
 * incompatible change takes a new slot name or a new major. What every version must share (a
 * resource the process has once, such as signal handlers or V8's heap profiler) is keyed instead
 * by a protocol version passed as `version`, changed only when the value's shape changes.
 */
export function globalSlot<T>(owner: GlobalSlotOwner, name: string): GlobalSlot<T> {
  const keyName = globalSlotKeyName(owner);
  const key = Symbol.for(keyName);
  // The functions a provider's start() reaches are parenthesized, so V8 compiles them with
  // globalSlot (at import, where the slots are declared), not inside that first start() (a start
  // sets the process's current run).
  // biome-ignore format: the parentheses are the compile hint
  const holder = (function holder(): SlotHolder {
    const scope = globalThis as typeof globalThis & { [key]?: SlotHolder };
    scope[key] ??= { version: owner.version, slots: new Map() };
    return scope[key];
  });
  return {
    get: () => holder().slots.get(name) as T | undefined,
    // biome-ignore format: the parentheses are the compile hint
    set: (function set(value: T | undefined): void {
      if (value === undefined) holder().slots.delete(name);
      else holder().slots.set(name, value);
    }),
    // biome-ignore format: the parentheses are the compile hint
    getOrCreate: (function getOrCreate(create: () => T): T {
      const slots = holder().slots;
      if (!slots.has(name)) slots.set(name, create());
      return slots.get(name) as T;
    }),
    expression: `globalThis[Symbol.for(${JSON.stringify(keyName)})]?.slots.get(${JSON.stringify(name)})`,
  };
}
