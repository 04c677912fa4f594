/**
 * A plain-looking object (`run.config.lr = 0.1`, `run.summary.best = 3`) whose writes are reported
 * to `onChange`, plus an `update(values)` method, as the SDK's config and summary objects.
 */
export type RunStateObject = Record<string, unknown> & {
  /** Sets several keys at once. */
  update(values: Record<string, unknown>): void;
  /** A plain copy of the current values. */
  toJSON(): Record<string, unknown>;
};

export function createRunStateProxy(
  initial: Record<string, unknown>,
  onChange: (changes: Record<string, unknown>) => void,
  onDelete?: (key: string) => void,
): RunStateObject {
  const values: Record<string, unknown> = { ...initial };
  const methods = {
    update(changes: Record<string, unknown>) {
      onChange(changes);
      Object.assign(values, changes);
    },
    toJSON() {
      return { ...values };
    },
  };
  return new Proxy(values, {
    get(target, property) {
      if (property === 'update' || property === 'toJSON') return methods[property];
      return Reflect.get(target, property);
    },
    set(target, property, value) {
      if (typeof property !== 'string') return false;
      onChange({ [property]: value });
      target[property] = value;
      return true;
    },
    deleteProperty(target, property) {
      // `delete run.summary.x` works as the SDK's `del run.summary["x"]`; config keys stay.
      if (onDelete === undefined || typeof property !== 'string') return false;
      onDelete(property);
      delete target[property];
      return true;
    },
  }) as RunStateObject;
}
