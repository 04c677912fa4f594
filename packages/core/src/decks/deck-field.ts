import { InvalidOptionError } from '../errors/invalid-option-error';

/** The built-in decks a task can render, with flytekit's names. */
export const DeckField = {
  input: 'Input',
  output: 'Output',
  sourceCode: 'Source Code',
  timeline: 'Timeline',
  dependencies: 'Dependencies',
} as const;

export type DeckField = (typeof DeckField)[keyof typeof DeckField];

/** flytekit's default `deck_fields`, in its order. */
export const defaultDeckFields: readonly DeckField[] = Object.freeze([
  DeckField.sourceCode,
  DeckField.dependencies,
  DeckField.timeline,
  DeckField.input,
  DeckField.output,
]);

const known = new Set<string>(Object.values(DeckField));

/** Checks a `deckFields` option, naming the unknown entry. */
export function validateDeckFields(fields: readonly string[], option = 'task.deckFields'): DeckField[] {
  for (const field of fields) {
    if (!known.has(field)) {
      throw new InvalidOptionError({
        option,
        message: `${option} has an unknown deck field ${JSON.stringify(field)}; use one of ${[...known].map((name) => JSON.stringify(name)).join(', ')}`,
      });
    }
  }
  return [...fields] as DeckField[];
}
