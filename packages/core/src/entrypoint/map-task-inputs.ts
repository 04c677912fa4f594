import { create } from '@bufbuild/protobuf';
import { TaskInputError } from '../errors/task-input-error';
import { type Literal, type LiteralMap, LiteralMapSchema } from '../protobuf/flyteidl';
import { packedLiteralAt, packedPrimitivesOf } from '../protobuf/packed-collection';
import type { FileAccess } from '../storage/file-access';
import { resolveOffloadedLiteral } from '../type-engine/type-engine';

/**
 * The one-element inputs of ArrayNode subtask `index`, from the ArrayNode's whole inputs.pb, as
 * flytekit's `ArrayNodeMapTask` picks them: every input the task declares must be present; a bound
 * input is passed whole; any other must be a collection and element `index` of it is taken (Python
 * indexing: `-1` is the last element). Offloaded literals are fetched first. Inputs the task does
 * not declare are dropped. Errors name the input (flytekit fails the same cases).
 */
export async function selectMapTaskInputs(
  map: LiteralMap,
  declaredInputs: readonly string[],
  boundInputs: ReadonlySet<string>,
  index: number,
  fileAccess: FileAccess,
): Promise<LiteralMap> {
  const literals: Record<string, Literal> = {};
  for (const name of declaredInputs) {
    const path = `inputs.${name}`;
    const given = map.literals[name];
    if (given === undefined) {
      throw new TaskInputError({
        path,
        message: `Map task input ${name} is missing from the ArrayNode inputs (every input of a mapped task must be bound)`,
      });
    }
    const literal = await resolveOffloadedLiteral(given, fileAccess, path);
    if (boundInputs.has(name)) {
      literals[name] = literal;
      continue;
    }
    if (literal.value.case !== 'collection') {
      throw new TaskInputError({
        path,
        message: `Expected a list of literals for ${name} (a mapped input; declare it bound to pass it whole), got ${literal.value.case ?? 'an empty literal'}`,
      });
    }
    // A packed list (see decodeLiteralMapStreaming) gives its one element without building the rest.
    const packed = packedPrimitivesOf(literal.value.value);
    const length = packed?.values.length ?? literal.value.value.literals.length;
    const position = index < 0 ? length + index : index;
    if (position < 0 || position >= length) {
      throw new TaskInputError({
        path: `${path}[${index}]`,
        message: `Array index ${index} is out of range for input ${name} (${length} elements): list index out of range`,
      });
    }
    literals[name] =
      packed === undefined ? literal.value.value.literals[position]! : packedLiteralAt(packed, position);
  }
  return create(LiteralMapSchema, { literals });
}
