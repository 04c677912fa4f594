import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { type ErrorDocument, ErrorDocumentSchema, type LiteralMap, LiteralMapSchema } from './flyteidl';

/** The bytes of inputs.pb / outputs.pb for a LiteralMap (so callers need no protobuf runtime). */
export function encodeLiteralMap(map: LiteralMap): Uint8Array {
  return toBinary(LiteralMapSchema, map);
}

/** Parses inputs.pb / outputs.pb bytes; throws on malformed protobuf. */
export function decodeLiteralMap(bytes: Uint8Array): LiteralMap {
  return fromBinary(LiteralMapSchema, bytes);
}

/** Parses error.pb bytes (a flyteidl `ErrorDocument`). */
export function decodeErrorDocument(bytes: Uint8Array): ErrorDocument {
  return fromBinary(ErrorDocumentSchema, bytes);
}
