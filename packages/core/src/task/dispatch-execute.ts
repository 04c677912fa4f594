import type { ExecutionContext } from '../context/execution-context';
import { Deck } from '../decks/deck';
import { type DeckField, DeckField as DeckFields } from '../decks/deck-field';
import { renderDependencies } from '../decks/dependencies-deck';
import { renderValueHtml } from '../decks/render-value-html';
import { renderSourceCode } from '../decks/source-code-deck';
import { unwrapFunction } from '../decorators/decorator-symbols';
import type { TypeRecord } from '../types/type-descriptor';
import { namedOutputs, outputsToRecord, validateRecord } from './task-interface';
import type { TaskOutputs } from './task-options';

export interface TaskDefinition {
  name: string;
  inputs: TypeRecord;
  outputs: TaskOutputs;
  enableDeck: boolean;
  deckFields: readonly DeckField[];
  fn: (inputs: Record<string, unknown>) => unknown;
}

export interface TaskExecution {
  inputs: Record<string, unknown>;
  /** Outputs by Flyte name. */
  outputs: Record<string, unknown>;
  /** What the user function returned. */
  returned: unknown;
}

/**
 * flytekit's `dispatch_execute` for a function task, on native values: Timeline deck first, input
 * validation, the user function (timed), output validation, then the Source Code, Dependencies,
 * Input and Output decks in flytekit's order. Must run inside `context`.
 */
export async function dispatchExecute(
  definition: TaskDefinition,
  context: ExecutionContext,
  given: Record<string, unknown>,
): Promise<TaskExecution> {
  const fields = new Set(definition.enableDeck ? definition.deckFields : []);
  if (fields.has(DeckFields.timeline)) context.decks.push(context.timeline);
  const inputs = validateRecord(definition.inputs, given, 'inputs', definition.name);
  const returned = await context.timeline.time('Execute user level code', () => definition.fn(inputs));
  const outputs = outputsToRecord(definition.outputs, returned, definition.name);
  if (fields.has(DeckFields.sourceCode))
    new Deck(DeckFields.sourceCode, renderSourceCode(unwrapFunction(definition.fn)));
  if (fields.has(DeckFields.dependencies)) new Deck(DeckFields.dependencies, renderDependencies());
  if (fields.has(DeckFields.input)) {
    const deck = new Deck(DeckFields.input);
    for (const [name, value] of Object.entries(inputs))
      deck.append(renderValueHtml(name, value, definition.inputs[name]));
  }
  if (fields.has(DeckFields.output)) {
    const deck = new Deck(DeckFields.output);
    const descriptors = namedOutputs(definition.outputs);
    for (const [name, value] of Object.entries(outputs))
      deck.append(renderValueHtml(name, value, descriptors[name]));
  }
  return { inputs, outputs, returned };
}
