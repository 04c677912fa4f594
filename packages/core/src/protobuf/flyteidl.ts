// The flyteidl messages the type engine and the entrypoint use, generated from the .proto files of
// the pinned @flyteorg/flyteidl (see scripts/generate-protobuf.mjs).
export {
  type ContainerError,
  ContainerError_Kind,
  ContainerErrorSchema,
  type ErrorDocument,
  ErrorDocumentSchema,
} from './gen/flyteidl/core/errors_pb';
export { ExecutionError_ErrorKind } from './gen/flyteidl/core/execution_pb';
export {
  type Binary,
  BinarySchema,
  type Blob,
  type BlobMetadata,
  BlobMetadataSchema,
  BlobSchema,
  type Literal,
  type LiteralCollection,
  LiteralCollectionSchema,
  type LiteralMap,
  LiteralMapSchema,
  type LiteralOffloadedMetadata,
  LiteralOffloadedMetadataSchema,
  LiteralSchema,
  type Primitive,
  PrimitiveSchema,
  type Scalar,
  ScalarSchema,
  VoidSchema,
} from './gen/flyteidl/core/literals_pb';
export {
  type BlobType,
  BlobType_BlobDimensionality,
  BlobTypeSchema,
  type LiteralType,
  LiteralTypeSchema,
  SimpleType,
  TypeAnnotationSchema,
  TypeStructureSchema,
} from './gen/flyteidl/core/types_pb';
