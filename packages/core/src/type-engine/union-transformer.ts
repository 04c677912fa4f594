import { clone, create } from '@bufbuild/protobuf';
import { TaskInputError } from '../errors/task-input-error';
import {
  type Literal,
  LiteralSchema,
  type LiteralType,
  LiteralTypeSchema,
  TypeStructureSchema,
} from '../protobuf/flyteidl';
import type { TypeDescriptor } from '../types/type-descriptor';
import type { UnionTypeDescriptor } from '../types/union-types';
import { chooseUnionVariant } from '../types/union-variant-choice';
import { scalarOf } from './literal-builders';
import type { LiteralTransformer } from './literal-transformer';
import type { NestedConversion } from './nested-conversion';

/** flytekit's transformer names of the built-in kinds: the tag of a union variant. */
const builtinTags: Readonly<Record<string, string>> = {
  integer: 'int',
  int64: 'int',
  float: 'float',
  string: 'str',
  boolean: 'bool',
  datetime: 'datetime',
  duration: 'timedelta',
  'precise-duration': 'timedelta',
  none: 'none',
  list: 'Typed List',
  map: 'Typed Dict',
  json: 'Typed Dict',
  enum: 'DefaultEnumTransformer',
  struct: 'Object-Dataclass-Transformer',
  file: 'FlyteFilePath',
  blob: 'FlyteFilePath',
  directory: 'FlyteDirectory',
};

/**
 * Unions as flytekit writes them: `Literal{scalar{union{value, type}}}` where `type` is the chosen
 * variant's literal type with `structure.tag` = its transformer name. Writing picks the variant as
 * flytekit does (ambiguous values are refused, see `chooseUnionVariant`). Reading prefers the variant
 * named by the tag; an untagged or plain literal goes to the first variant that reads it.
 */
export function createUnionTransformer(
  engine: NestedConversion,
  transformerFor: (descriptor: TypeDescriptor<any>) => LiteralTransformer,
): LiteralTransformer<unknown> {
  const tagOf = (descriptor: TypeDescriptor<any>) =>
    transformerFor(descriptor).unionTag ?? builtinTags[descriptor.kind] ?? descriptor.kind;
  const taggedType = (descriptor: TypeDescriptor<any>): LiteralType => {
    const type = clone(LiteralTypeSchema, engine.literalTypeOf(descriptor));
    type.structure = create(TypeStructureSchema, { tag: tagOf(descriptor) });
    return type;
  };
  const variantsOf = (descriptor: unknown) =>
    (descriptor as UnionTypeDescriptor<TypeDescriptor<any>[]>).variants;

  return {
    literalType: (descriptor) =>
      create(LiteralTypeSchema, {
        type: { case: 'unionType', value: { variants: variantsOf(descriptor).map(taggedType) } },
      }),
    async toLiteral(value, descriptor, context) {
      // flytekit refuses a value more than one variant accepts (the reader could not tell them apart).
      const match = chooseUnionVariant(variantsOf(descriptor), value, context.path);
      if (match === undefined) descriptor.validate(value, context.path);
      const { variant, value: checked } = match!;
      const inner = await engine.toLiteral(checked, variant, context);
      return create(LiteralSchema, {
        value: {
          case: 'scalar',
          value: { value: { case: 'union', value: { value: inner, type: taggedType(variant) } } },
        },
      });
    },
    async fromLiteral(literal, descriptor, context) {
      const variants = variantsOf(descriptor);
      const scalar = scalarOf(literal);
      let inner: Literal = literal;
      let candidates = variants;
      if (scalar?.case === 'union' && scalar.value.value !== undefined) {
        inner = scalar.value.value;
        const tag = scalar.value.type?.structure?.tag;
        if (tag) candidates = variants.filter((variant) => tagOf(variant) === tag);
      }
      const failures: string[] = [];
      for (const variant of candidates) {
        try {
          return await engine.fromLiteral(inner, variant, context);
        } catch (error) {
          if (!(error instanceof TaskInputError)) throw error;
          failures.push(error.message);
        }
      }
      throw new TaskInputError({
        path: context.path,
        message: `${context.path}: no variant of ${descriptor.typeName} reads this literal${failures.length > 0 ? ` (${failures.join('; ')})` : ''}`,
      });
    },
  };
}
