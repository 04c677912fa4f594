import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { TaskInputError } from '../errors/task-input-error';
import { LiteralMapSchema, LiteralSchema, LiteralTypeSchema } from '../protobuf/flyteidl';
import { BucketStorage } from '../storage/bucket-storage';
import { FileAccess } from '../storage/file-access';
import { inMemoryBucket } from '../storage/in-memory-bucket.test-helper';
import type { TypeDescriptor } from '../types/type-descriptor';
import { types } from '../types/types';
import { defineBlobType } from './define-blob-type';
import { FlyteDirectory, FlyteFile } from './flyte-file';
import { primitiveLiteral, scalarLiteral } from './literal-builders';
import { decodeMessagePack } from './msgpack-decode';
import { registerLiteralTransformer, transformerRegistrySlot } from './transformer-registry';
import { fromLiteral, literalMapToValues, literalTypeOf, toLiteral, valuesToLiteralMap } from './type-engine';

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'tasklens-type-engine-'));
  const bucket = inMemoryBucket();
  const fileAccess = new FileAccess({
    rawOutputPrefix: 's3://bucket/raw',
    localDirectory: join(root, 'downloads'),
    adapters: { s3: new BucketStorage(async () => bucket) },
  });
  return { root, bucket, fileAccess };
}

/** value → literal → wire bytes → literal → value. */
async function roundTrip<T>(value: T, descriptor: TypeDescriptor<T>, fileAccess: FileAccess): Promise<T> {
  const literal = await toLiteral(value, descriptor, { fileAccess, path: 'outputs.x' });
  const decoded = fromBinary(LiteralSchema, toBinary(LiteralSchema, literal));
  return fromLiteral(decoded, descriptor, { fileAccess, path: 'inputs.x' });
}

const literalTypeJson = (descriptor: TypeDescriptor<any>) =>
  toJson(LiteralTypeSchema, literalTypeOf(descriptor));

describe('literal types of every types.* descriptor', () => {
  it('matches what flytekit declares', () => {
    expect(literalTypeJson(types.integer())).toEqual({ simple: 'INTEGER' });
    expect(literalTypeJson(types.float())).toEqual({ simple: 'FLOAT' });
    expect(literalTypeJson(types.string())).toEqual({ simple: 'STRING' });
    expect(literalTypeJson(types.boolean())).toEqual({ simple: 'BOOLEAN' });
    expect(literalTypeJson(types.datetime())).toEqual({ simple: 'DATETIME' });
    expect(literalTypeJson(types.duration())).toEqual({ simple: 'DURATION' });
    expect(literalTypeJson(types.none())).toEqual({ simple: 'NONE' });
    expect(literalTypeJson(types.json())).toEqual({ simple: 'STRUCT' });
    expect(literalTypeJson(types.list(types.map(types.float())))).toEqual({
      collectionType: { mapValueType: { simple: 'FLOAT' } },
    });
    expect(literalTypeJson(types.file())).toEqual({ blob: {} });
    expect(literalTypeJson(types.file({ format: 'csv' }))).toEqual({ blob: { format: 'csv' } });
    expect(literalTypeJson(types.directory())).toEqual({ blob: { dimensionality: 'MULTIPART' } });
    expect(literalTypeJson(types.blob({ format: 'binary' }))).toEqual({ blob: { format: 'binary' } });
    expect(literalTypeJson(types.blob({ format: 'parquet', dimensionality: 'multipart' }))).toEqual({
      blob: { format: 'parquet', dimensionality: 'MULTIPART' },
    });
  });
});

describe('round trips through literals and the wire format', () => {
  it('keeps primitives, none, lists, maps and JSON objects', async () => {
    const { fileAccess } = setup();
    expect(await roundTrip(-9007199254740991, types.integer(), fileAccess)).toBe(-9007199254740991);
    expect(await roundTrip(1.5, types.float(), fileAccess)).toBe(1.5);
    expect(await roundTrip(Number.NaN, types.float(), fileAccess)).toBeNaN();
    expect(await roundTrip('héllo ✓', types.string(), fileAccess)).toBe('héllo ✓');
    expect(await roundTrip(false, types.boolean(), fileAccess)).toBe(false);
    const when = new Date('1969-07-20T20:17:40.123Z');
    expect((await roundTrip(when, types.datetime(), fileAccess)).toISOString()).toBe(when.toISOString());
    expect(await roundTrip(5400250, types.duration(), fileAccess)).toBe(5400250);
    expect(await roundTrip(-1500.5, types.duration(), fileAccess)).toBe(-1500.5);
    expect(await roundTrip(null, types.none(), fileAccess)).toBeNull();
    expect(await roundTrip([[1, 2], []], types.list(types.list(types.integer())), fileAccess)).toEqual([
      [1, 2],
      [],
    ]);
    expect(await roundTrip({ a: { b: true } }, types.map(types.map(types.boolean())), fileAccess)).toEqual({
      a: { b: true },
    });
    const settings = { depth: 3, name: 'x', tags: ['p', null], inner: { ok: true } };
    expect(await roundTrip(settings, types.json(), fileAccess)).toEqual(settings);
  });

  it('encodes datetimes and durations as protobuf Timestamp / Duration with same-sign nanos', async () => {
    const { fileAccess } = setup();
    const context = { fileAccess, path: 'outputs.x' };
    const datetime = await toLiteral(new Date(-1), types.datetime(), context);
    expect(toJson(LiteralSchema, datetime)).toEqual({
      scalar: { primitive: { datetime: '1969-12-31T23:59:59.999Z' } },
    });
    const duration = await toLiteral(-1500.5, types.duration(), context);
    expect(toJson(LiteralSchema, duration)).toEqual({ scalar: { primitive: { duration: '-1.500500s' } } });
  });

  it('uploads files and directories under the raw prefix and downloads them back', async () => {
    const { root, bucket, fileAccess } = setup();
    writeFileSync(join(root, 'report.csv'), 'a,b\n');
    const literal = await toLiteral(new FlyteFile(join(root, 'report.csv')), types.file({ format: 'csv' }), {
      fileAccess,
      path: 'outputs.report',
    });
    const json = toJson(LiteralSchema, literal) as any;
    expect(json.scalar.blob.metadata).toEqual({ type: { format: 'csv' } });
    expect(json.scalar.blob.uri).toMatch(/^s3:\/\/bucket\/raw\/[0-9a-f]{32}\/report\.csv$/);
    const file = await fromLiteral(literal, types.file(), { fileAccess, path: 'inputs.report' });
    expect(file.remoteSource).toBe(json.scalar.blob.uri);
    expect(readFileSync(file.path, 'utf8')).toBe('a,b\n');

    mkdirSync(join(root, 'tree', 'deep'), { recursive: true });
    writeFileSync(join(root, 'tree', 'deep', 'x.txt'), 'X');
    const directory = await roundTrip(new FlyteDirectory(join(root, 'tree')), types.directory(), fileAccess);
    expect(directory.remoteSource).toMatch(/^s3:\/\/bucket\/raw\/[0-9a-f]{32}$/);
    expect(readFileSync(join(directory.path, 'deep', 'x.txt'), 'utf8')).toBe('X');
    expect([...bucket.objects.keys()].some((key) => key.endsWith('/deep/x.txt'))).toBe(true);
  });

  it('passes remote paths and unchanged inputs through without uploading, and writes file:// as plain paths', async () => {
    const { bucket, fileAccess } = setup();
    const remote = await toLiteral('s3://elsewhere/data.bin' as never, types.blob({ format: 'binary' }), {
      fileAccess,
      path: 'outputs.p',
    });
    expect(toJson(LiteralSchema, remote)).toEqual({
      scalar: { blob: { metadata: { type: { format: 'binary' } }, uri: 's3://elsewhere/data.bin' } },
    });
    const passed = await toLiteral(new FlyteFile('/local/copy', { remoteSource: 's3://a/b' }), types.file(), {
      fileAccess,
      path: 'outputs.f',
    });
    expect((toJson(LiteralSchema, passed) as any).scalar.blob.uri).toBe('s3://a/b');
    expect(bucket.objects.size).toBe(0);

    const local = new FileAccess({ rawOutputPrefix: 'file:///tmp/tasklens-raw', localDirectory: tmpdir() });
    const root = mkdtempSync(join(tmpdir(), 'tasklens-local-'));
    writeFileSync(join(root, 'f.txt'), 'F');
    const plain = await toLiteral(join(root, 'f.txt') as never, types.file(), {
      fileAccess: local,
      path: 'outputs.f',
    });
    expect((toJson(LiteralSchema, plain) as any).scalar.blob.uri).toMatch(
      /^\/tmp\/tasklens-raw\/[0-9a-f]{32}\/f\.txt$/,
    );
  });

  it('rejects a missing output file and a MULTIPART blob for a file input, naming the path', async () => {
    const { fileAccess } = setup();
    await expect(
      toLiteral('/no/such/file.txt' as never, types.file(), { fileAccess, path: 'outputs.report' }),
    ).rejects.toThrow('outputs.report: file /no/such/file.txt does not exist');
    const directory = await toLiteral('s3://b/dir' as never, types.directory(), { fileAccess, path: 'o' });
    await expect(fromLiteral(directory, types.file(), { fileAccess, path: 'inputs.f' })).rejects.toThrow(
      'inputs.f: expected a SINGLE blob for file, got a MULTIPART blob (s3://b/dir)',
    );
  });
});

describe('reading what flytekit writes', () => {
  it('decodes the msgpack Binary flytekit ≥1.14 sends for dict', async () => {
    const { fileAccess } = setup();
    // msgpack.packb({"a": 1, "b": [True, None, -2, 1.5], "c": "x"}) in Python.
    const bytes = Buffer.from('83a16101a16294c3c0fecb3ff8000000000000a163a178', 'hex');
    expect(decodeMessagePack(bytes)).toEqual({ a: 1, b: [true, null, -2, 1.5], c: 'x' });
    const literal = scalarLiteral({ case: 'binary', value: { value: bytes, tag: 'msgpack' } } as never);
    expect(await fromLiteral(literal, types.json(), { fileAccess, path: 'inputs.settings' })).toEqual({
      a: 1,
      b: [true, null, -2, 1.5],
      c: 'x',
    });
    expect(() => decodeMessagePack(Buffer.from('c4', 'hex'))).toThrow('unsupported MessagePack type 0xc4');
    expect(() => decodeMessagePack(Buffer.from('92', 'hex'))).toThrow('truncated MessagePack data');
  });

  it('accepts an integer literal for a float input', async () => {
    const { fileAccess } = setup();
    const literal = primitiveLiteral({ case: 'integer', value: 3n });
    expect(await fromLiteral(literal, types.float(), { fileAccess, path: 'inputs.r' })).toBe(3);
  });

  it('resolves offloaded literals from their URI', async () => {
    const { bucket, fileAccess } = setup();
    const inner = primitiveLiteral({ case: 'stringValue', value: 'big value' });
    await bucket.putObject('bucket', 'meta/o0_offloaded_metadata.pb', toBinary(LiteralSchema, inner));
    const offloaded = create(LiteralSchema, {
      value: {
        case: 'offloadedMetadata',
        value: { uri: 's3://bucket/meta/o0_offloaded_metadata.pb', sizeBytes: 11n },
      },
    });
    expect(await fromLiteral(offloaded, types.string(), { fileAccess, path: 'inputs.s' })).toBe('big value');
  });

  it('names the input and both types on a mismatch, and rejects unsafe integers', async () => {
    const { fileAccess } = setup();
    const error = await fromLiteral(primitiveLiteral({ case: 'stringValue', value: '1' }), types.integer(), {
      fileAccess,
      path: 'inputs.count',
    }).catch((caught) => caught);
    expect(TaskInputError.isInstance(error)).toBe(true);
    expect(error.path).toBe('inputs.count');
    expect(error.message).toBe('inputs.count: expected a integer literal, got a stringValue primitive');
    await expect(
      fromLiteral(primitiveLiteral({ case: 'integer', value: 2n ** 60n }), types.integer(), {
        fileAccess,
        path: 'inputs.n',
      }),
    ).rejects.toThrow('inputs.n: integer 1152921504606846976 is outside the safe JavaScript integer range');
  });
});

describe('literal maps', () => {
  it('round-trips a record and reports missing and unexpected names', async () => {
    const { fileAccess } = setup();
    const descriptors = { a: types.integer(), b: types.list(types.string()) };
    const map = await valuesToLiteralMap({ a: 1, b: ['x'] }, descriptors, fileAccess);
    const decoded = fromBinary(LiteralMapSchema, toBinary(LiteralMapSchema, map));
    expect(await literalMapToValues(decoded, descriptors, fileAccess)).toEqual({ a: 1, b: ['x'] });
    const partial = create(LiteralMapSchema, { literals: { a: map.literals.a! } });
    await expect(literalMapToValues(partial, descriptors, fileAccess)).rejects.toThrow(
      'Missing input b (list<string>) in the literal map',
    );
    const extra = create(LiteralMapSchema, { literals: { ...map.literals, c: map.literals.a! } });
    await expect(literalMapToValues(extra, descriptors, fileAccess)).rejects.toThrow(
      'Received unexpected input c; declared inputs: a, b',
    );
  });
});

describe('package-defined types', () => {
  interface Profile {
    columns: string[];
  }
  const profileType = () =>
    defineBlobType<Profile>({
      kind: 'test.profile',
      typeName: 'Profile',
      format: 'binary',
      validate: (value) => value as Profile,
      write: (value, path) => writeFile(path, JSON.stringify(value)),
      read: async (path) => JSON.parse(await readFile(path, 'utf8')) as Profile,
    });

  it('carry their conversion on the descriptor: a SINGLE "binary" blob at <raw>/<32 hex>/<32 hex>', async () => {
    const { fileAccess } = setup();
    const descriptor = profileType();
    expect(literalTypeJson(descriptor)).toEqual({ blob: { format: 'binary' } });
    const literal = await toLiteral({ columns: ['a'] }, descriptor, { fileAccess, path: 'outputs.o0' });
    expect((toJson(LiteralSchema, literal) as any).scalar.blob.uri).toMatch(
      /^s3:\/\/bucket\/raw\/[0-9a-f]{32}\/[0-9a-f]{32}$/,
    );
    expect(await fromLiteral(literal, descriptor, { fileAccess, path: 'inputs.p' })).toEqual({
      columns: ['a'],
    });
  });

  it('can instead register a transformer for their kind (shared via globalThis)', async () => {
    const { fileAccess } = setup();
    const kind = 'test.upper-string';
    const descriptor: TypeDescriptor<string> = {
      kind,
      typeName: 'upper string',
      validate: (value) => String(value),
    };
    await expect(toLiteral('x', descriptor, { fileAccess, path: 'o' })).rejects.toThrow(
      "No literal conversion for type upper string (kind test.upper-string): give the descriptor a `literal` transformer or call registerLiteralTransformer('test.upper-string', …)",
    );
    registerLiteralTransformer(kind, {
      literalType: () => literalTypeOf(types.string()),
      toLiteral: async (value) => primitiveLiteral({ case: 'stringValue', value: value.toUpperCase() }),
      fromLiteral: async (literal) => (literal.value.case === 'scalar' ? 'read' : 'unexpected'),
    });
    const literal = await toLiteral('abc', descriptor, { fileAccess, path: 'o' });
    expect(toJson(LiteralSchema, literal)).toEqual({ scalar: { primitive: { stringValue: 'ABC' } } });
    const registry = transformerRegistrySlot.get()!;
    expect(registry.has(kind)).toBe(true);
    registry.delete(kind);
  });
});
