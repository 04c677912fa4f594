import { InvalidOptionError } from '../errors/invalid-option-error';
import type { ListTypeDescriptor, MapTypeDescriptor } from '../types/collection-types';
import type { TypeDescriptor } from '../types/type-descriptor';

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds from `1500`, `1.5s`, `1h30m`, `250ms` (Go-style units: ms, s, m, h, d). */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) return undefined;
  return parts.reduce((total, part) => total + Number(part[1]) * durationUnits[part[2]!]!, 0);
}

function fail(option: string, descriptor: TypeDescriptor<any>, text: string): never {
  throw new InvalidOptionError({
    option,
    message: `${option}: cannot read ${JSON.stringify(text)} as ${descriptor.typeName}`,
  });
}

/** A JSON value (lists, maps) converted item by item into what the descriptor expects. */
function fromJsonValue(value: unknown, descriptor: TypeDescriptor<any>, option: string): unknown {
  switch (descriptor.kind) {
    case 'datetime':
      return typeof value === 'string' ? new Date(value) : value;
    case 'duration':
      return typeof value === 'string' ? (parseDuration(value) ?? value) : value;
    case 'list':
      return Array.isArray(value)
        ? value.map((item) => fromJsonValue(item, (descriptor as ListTypeDescriptor<any>).items, option))
        : value;
    case 'map':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value).map(([key, item]) => [
              key,
              fromJsonValue(item, (descriptor as MapTypeDescriptor<any>).values, option),
            ]),
          )
        : value;
    default:
      return value;
  }
}

/**
 * Parses a command-line value by its declared type, as `pyflyte run` does: numbers, `true`/`false`,
 * ISO dates, durations (`1h30m`, `1500` ms), JSON for lists, maps and JSON objects, paths for files.
 */
export function parseCliValue(text: string, descriptor: TypeDescriptor<any>, option: string): unknown {
  switch (descriptor.kind) {
    case 'integer': {
      if (!/^[-+]?\d+$/.test(text.trim())) fail(option, descriptor, text);
      return Number(text);
    }
    case 'float': {
      const value = Number(text);
      if (text.trim() === '' || (Number.isNaN(value) && text.trim() !== 'NaN'))
        fail(option, descriptor, text);
      return value;
    }
    case 'boolean': {
      const lowered = text.trim().toLowerCase();
      if (['true', 't', '1', 'yes', 'y'].includes(lowered)) return true;
      if (['false', 'f', '0', 'no', 'n'].includes(lowered)) return false;
      return fail(option, descriptor, text);
    }
    case 'datetime': {
      const value = new Date(text);
      if (Number.isNaN(value.getTime())) fail(option, descriptor, text);
      return value;
    }
    case 'duration':
      return parseDuration(text) ?? fail(option, descriptor, text);
    case 'none':
      return null;
    case 'list':
    case 'map':
    case 'json': {
      try {
        return fromJsonValue(JSON.parse(text), descriptor, option);
      } catch {
        return fail(option, descriptor, text);
      }
    }
    default:
      // strings, files, directories, blobs and package-defined types take the text as given.
      return text;
  }
}
