import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  BlobType_BlobDimensionality,
  ContainerError_Kind,
  ErrorDocumentSchema,
  ExecutionError_ErrorKind,
  LiteralMapSchema,
  LiteralSchema,
  PrimitiveSchema,
  ScalarSchema,
} from './flyteidl';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// Vectors from specs/flyte-container-contract.md §6.2 (produced with @flyteorg/flyteidl's protobufjs bundle).
describe('flyteidl wire vectors', () => {
  it('encodes LiteralMap{"p": Blob{format "binary", uri "s3://b/k"}} byte for byte', () => {
    const map = create(LiteralMapSchema, {
      literals: {
        p: create(LiteralSchema, {
          value: {
            case: 'scalar',
            value: {
              value: {
                case: 'blob',
                value: {
                  metadata: {
                    type: { format: 'binary', dimensionality: BlobType_BlobDimensionality.SINGLE },
                  },
                  uri: 's3://b/k',
                },
              },
            },
          },
        }),
      },
    });
    const expected =
      '0a1f' +
      '0a0170' +
      '121a' +
      '0a18' +
      '1216' +
      '0a0a' +
      '0a08' +
      '0a0662696e617279' +
      '1a0873333a2f2f622f6b';
    expect(hex(toBinary(LiteralMapSchema, map))).toBe(expected);
    const decoded = fromBinary(LiteralMapSchema, Buffer.from(expected, 'hex'));
    const scalar = decoded.literals.p?.value;
    expect(scalar?.case).toBe('scalar');
    if (scalar?.case !== 'scalar' || scalar.value.value.case !== 'blob') throw new Error('not a blob');
    expect(scalar.value.value.value.uri).toBe('s3://b/k');
    expect(scalar.value.value.value.metadata?.type?.format).toBe('binary');
  });

  it('encodes float 1.5 as primitive field 2 (11 000000000000f83f)', () => {
    expect(
      hex(toBinary(PrimitiveSchema, create(PrimitiveSchema, { value: { case: 'floatValue', value: 1.5 } }))),
    ).toBe('11000000000000f83f');
  });

  it('encodes integer 5 as 08 05', () => {
    expect(
      hex(toBinary(PrimitiveSchema, create(PrimitiveSchema, { value: { case: 'integer', value: 5n } }))),
    ).toBe('0805');
  });

  it('encodes none as Scalar 2a 00', () => {
    expect(
      hex(toBinary(ScalarSchema, create(ScalarSchema, { value: { case: 'noneType', value: {} } }))),
    ).toBe('2a00');
  });

  it('encodes ErrorDocument{code C, message m, RECOVERABLE, USER} as 0a0a 0a0143 12016d 1801 2001', () => {
    const document = create(ErrorDocumentSchema, {
      error: {
        code: 'C',
        message: 'm',
        kind: ContainerError_Kind.RECOVERABLE,
        origin: ExecutionError_ErrorKind.USER,
      },
    });
    expect(hex(toBinary(ErrorDocumentSchema, document))).toBe('0a0a0a014312016d18012001');
    const decoded = fromBinary(ErrorDocumentSchema, Buffer.from('0a0a0a014312016d18012001', 'hex'));
    expect(decoded.error?.kind).toBe(ContainerError_Kind.RECOVERABLE);
    expect(decoded.error?.origin).toBe(ExecutionError_ErrorKind.USER);
  });
});

describe('codec helpers', () => {
  it('encode and decode LiteralMap and ErrorDocument bytes', async () => {
    const { decodeErrorDocument, decodeLiteralMap, encodeLiteralMap } = await import('./codec');
    const bytes = encodeLiteralMap(
      create(LiteralMapSchema, {
        literals: {
          n: create(LiteralSchema, {
            value: {
              case: 'scalar',
              value: { value: { case: 'primitive', value: { value: { case: 'integer', value: 5n } } } },
            },
          }),
        },
      }),
    );
    expect(hex(bytes)).toBe('0a0b0a016e12060a040a020805');
    expect(decodeLiteralMap(bytes).literals.n?.value.case).toBe('scalar');
    expect(decodeErrorDocument(Buffer.from('0a0a0a014312016d18012001', 'hex')).error?.code).toBe('C');
    expect(() => decodeLiteralMap(Buffer.from('ffff', 'hex'))).toThrow();
  });
});
