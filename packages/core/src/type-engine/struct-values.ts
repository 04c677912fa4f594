import { acceptsMissing } from '../types/accepts-missing';
import type { JsonValue, ListTypeDescriptor, MapTypeDescriptor } from '../types/collection-types';
import type { EnumTypeDescriptor } from '../types/enum-type';
import { PreciseDate } from '../types/precise-date';
import { PreciseDuration } from '../types/precise-duration';
import type { StructTypeDescriptor } from '../types/struct-type';
import type { TypeDescriptor, TypeRecord } from '../types/type-descriptor';
import type { UnionTypeDescriptor } from '../types/union-types';
import { MessagePackEncodeError, type MessagePackWriter } from './msgpack-encode';

type Descriptor = TypeDescriptor<any>;
const fieldsOf = (descriptor: Descriptor) => (descriptor as StructTypeDescriptor<TypeRecord>).fields;
const variantsOf = (descriptor: Descriptor) => (descriptor as UnionTypeDescriptor<Descriptor[]>).variants;

/** Python's `datetime.isoformat()` of a UTC datetime (microseconds; none when zero). */
export function pythonIsoFormat(value: Date): string {
  const precise = PreciseDate.from(value);
  const base = precise.toISOString().slice(0, 19);
  const microseconds =
    precise.getUTCMilliseconds() * 1000 + Math.floor(precise.nanosecondsPastMillisecond / 1000);
  return `${base}${microseconds === 0 ? '' : `.${String(microseconds).padStart(6, '0')}`}+00:00`;
}

/**
 * Writes a field value the way mashumaro's msgpack dialect (flytekit's dataclass encoder) does:
 * datetimes as ISO strings, durations as float seconds, floats always as floats, enums as values.
 */
export function writeStructValue(
  writer: MessagePackWriter,
  value: unknown,
  descriptor: Descriptor,
  path: string,
): void {
  switch (descriptor.kind) {
    case 'integer':
    case 'int64':
      writer.integer(value as number | bigint);
      return;
    case 'float':
      writer.float64(value as number);
      return;
    case 'string':
    case 'enum':
      writer.string(value as string);
      return;
    case 'boolean':
      writer.boolean(value as boolean);
      return;
    case 'none':
      writer.nil();
      return;
    case 'datetime':
      writer.string(pythonIsoFormat(value as Date));
      return;
    case 'duration':
      writer.float64((value as number) / 1000);
      return;
    case 'precise-duration':
      writer.float64(Number((value as PreciseDuration).totalNanoseconds) / 1e9);
      return;
    case 'json':
      writer.value(value, path);
      return;
    case 'list': {
      const items = value as unknown[];
      writer.arrayHeader(items.length);
      const item = (descriptor as ListTypeDescriptor<Descriptor>).items;
      for (const [index, entry] of items.entries())
        writeStructValue(writer, entry, item, `${path}[${index}]`);
      return;
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>);
      writer.mapHeader(entries.length);
      const item = (descriptor as MapTypeDescriptor<Descriptor>).values;
      for (const [key, entry] of entries) {
        writer.string(key);
        writeStructValue(writer, entry, item, `${path}.${key}`);
      }
      return;
    }
    case 'struct': {
      const fields = Object.entries(fieldsOf(descriptor));
      writer.mapHeader(fields.length);
      for (const [field, fieldDescriptor] of fields) {
        writer.string(field);
        writeStructValue(
          writer,
          (value as Record<string, unknown>)[field],
          fieldDescriptor,
          `${path}.${field}`,
        );
      }
      return;
    }
    case 'union': {
      for (const variant of variantsOf(descriptor)) {
        try {
          variant.validate(value, path);
        } catch {
          continue;
        }
        writeStructValue(writer, value, variant, path);
        return;
      }
      throw new MessagePackEncodeError(`${path}: no variant of ${descriptor.typeName} accepts the value`);
    }
    default:
      throw new MessagePackEncodeError(
        `${path}: ${descriptor.typeName} cannot be a struct field (not supported yet)`,
      );
  }
}

/** The native value of a decoded msgpack field (the inverse of `writeStructValue`), validated after. */
export function readStructValue(value: JsonValue, descriptor: Descriptor, path: string): unknown {
  switch (descriptor.kind) {
    case 'datetime':
      return typeof value === 'string' ? parsePythonIsoFormat(value) : value;
    case 'duration':
      return typeof value === 'number' ? Math.round(value * 1e6) / 1e3 : value;
    case 'precise-duration':
      return typeof value === 'number' ? new PreciseDuration(BigInt(Math.round(value * 1e6)) * 1000n) : value;
    case 'int64':
      return typeof value === 'number' ? BigInt(value) : value;
    case 'list':
      return Array.isArray(value)
        ? value.map((item, index) =>
            readStructValue(item, (descriptor as ListTypeDescriptor<Descriptor>).items, `${path}[${index}]`),
          )
        : value;
    case 'map':
    case 'struct': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const itemDescriptor =
          descriptor.kind === 'map'
            ? (descriptor as MapTypeDescriptor<Descriptor>).values
            : fieldsOf(descriptor)[key];
        result[key] =
          itemDescriptor === undefined ? item : readStructValue(item, itemDescriptor, `${path}.${key}`);
      }
      return result;
    }
    case 'union': {
      for (const variant of variantsOf(descriptor)) {
        try {
          return variant.validate(readStructValue(value, variant, path), path);
        } catch {}
      }
      return value;
    }
    default:
      return value;
  }
}

/** A Python `isoformat()` string (any offset) as a `PreciseDate`; unparsable text is returned as is. */
function parsePythonIsoFormat(text: string): Date | string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (match === null) return text;
  const whole = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
  if (Number.isNaN(whole)) return text;
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  return PreciseDate.fromEpochNanoseconds(BigInt(whole) * 1_000_000n + fraction);
}

/** JSON schema of a field, as mashumaro writes it into the dataclass literal type's metadata. */
export function jsonSchemaOf(descriptor: Descriptor): Record<string, JsonValue> {
  switch (descriptor.kind) {
    case 'integer':
    case 'int64':
      return { type: 'integer' };
    case 'float':
      return { type: 'number' };
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'none':
      return { type: 'null' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'duration':
    case 'precise-duration':
      return { type: 'number', format: 'time-delta' };
    case 'enum':
      return { enum: [...(descriptor as EnumTypeDescriptor<string[]>).values] };
    case 'list':
      return { type: 'array', items: jsonSchemaOf((descriptor as ListTypeDescriptor<Descriptor>).items) };
    case 'map':
      return {
        type: 'object',
        additionalProperties: jsonSchemaOf((descriptor as MapTypeDescriptor<Descriptor>).values),
        propertyNames: { type: 'string' },
      };
    case 'union':
      return { anyOf: variantsOf(descriptor).map(jsonSchemaOf) };
    case 'struct': {
      const fields = fieldsOf(descriptor);
      const properties: Record<string, JsonValue> = {};
      const required: string[] = [];
      for (const [field, fieldDescriptor] of Object.entries(fields)) {
        const schema = jsonSchemaOf(fieldDescriptor);
        if (acceptsMissing(fieldDescriptor)) properties[field] = { ...schema, default: null };
        else {
          properties[field] = schema;
          required.push(field);
        }
      }
      return {
        type: 'object',
        title: (descriptor as StructTypeDescriptor<TypeRecord>).name,
        properties,
        additionalProperties: false,
        required,
      };
    }
    default:
      return { type: 'object' };
  }
}
