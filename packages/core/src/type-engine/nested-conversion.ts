import type { Literal, LiteralType } from '../protobuf/flyteidl';
import type { TypeDescriptor } from '../types/type-descriptor';
import type { LiteralContext } from './literal-transformer';

/**
 * The type engine's own conversions, handed to transformers of container types (lists, maps,
 * unions) so they can convert their items without importing the engine (which imports them).
 */
export interface NestedConversion {
  literalTypeOf(descriptor: TypeDescriptor<any>): LiteralType;
  toLiteral(value: unknown, descriptor: TypeDescriptor<any>, context: LiteralContext): Promise<Literal>;
  fromLiteral(literal: Literal, descriptor: TypeDescriptor<any>, context: LiteralContext): Promise<unknown>;
}
