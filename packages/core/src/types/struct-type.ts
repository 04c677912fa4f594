import { TaskInputError } from '../errors/task-input-error';
import { typeMismatch } from './primitive-types';
import type { InferRecord, TypeDescriptor, TypeRecord } from './type-descriptor';

export interface StructTypeDescriptor<Fields extends TypeRecord> extends TypeDescriptor<InferRecord<Fields>> {
  readonly kind: 'struct';
  /** The Python dataclass name the struct is declared as (`title` of its JSON schema). */
  readonly name: string;
  readonly fields: Fields;
}

const pythonIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A record with named, typed fields (a Python dataclass; flytekit ≥1.14 sends it as msgpack
 * `Binary`). Fields whose type accepts `null`/`undefined` (`types.optional`) may be left out.
 */
export function struct<Fields extends TypeRecord>(
  name: string,
  fields: Fields,
): StructTypeDescriptor<Fields> {
  if (typeof name !== 'string' || !pythonIdentifier.test(name)) {
    throw new TaskInputError({
      path: 'struct',
      message: `types.struct: name must be a Python identifier, got ${JSON.stringify(name)}`,
    });
  }
  for (const field of Object.keys(fields)) {
    if (!pythonIdentifier.test(field)) {
      throw new TaskInputError({
        path: `struct.${field}`,
        message: `types.struct ${name}: field ${JSON.stringify(field)} is not a Python identifier`,
      });
    }
  }
  return {
    kind: 'struct',
    name,
    fields,
    typeName: name,
    validate(value, path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
        typeMismatch(path, `a ${name} object`, value);
      const given = value as Record<string, unknown>;
      for (const key of Object.keys(given)) {
        if (!(key in fields)) {
          throw new TaskInputError({
            path: `${path}.${key}`,
            message: `${path}: ${name} has no field ${key}; fields: ${Object.keys(fields).join(', ')}`,
          });
        }
      }
      const result: Record<string, unknown> = {};
      for (const [field, descriptor] of Object.entries(fields)) {
        result[field] = descriptor.validate(given[field], `${path}.${field}`);
      }
      return result as InferRecord<Fields>;
    },
  };
}
