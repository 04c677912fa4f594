import type { DeckField } from '../decks/deck-field';
import type { Secret } from '../secrets/secret';
import type { TypeDescriptor, TypeRecord } from '../types/type-descriptor';

/** A task's outputs: one unnamed value (Flyte name `o0`), a record of named values, or nothing. */
export type TaskOutputs = TypeDescriptor<any> | TypeRecord | undefined;

export interface TaskOptions<Inputs extends TypeRecord, Outputs extends TaskOutputs> {
  /** Fully qualified task name, e.g. `demo.train`; the part after the last dot names decks and logs. */
  name: string;
  /** Named inputs and their types; default none. */
  inputs?: Inputs;
  /** A single output type, a record of named output types, or none (default). */
  outputs?: Outputs;
  /** Secrets the task needs mounted on Flyte; default none. */
  secretRequests?: readonly Secret[] | undefined;
  /** Render decks (`deck.html`); default false. */
  enableDeck?: boolean | undefined;
  /** Deprecated inverse of `enableDeck`; setting both is an error, as in flytekit. */
  disableDeck?: boolean | undefined;
  /** Built-in decks to render when decks are on; default flytekit's five, in its order. */
  deckFields?: readonly DeckField[] | undefined;
  /** Retries on Flyte (local runs never retry, as flytekit); default 0. */
  retries?: number | undefined;
  /** Cache results on Flyte under this version; default no caching. */
  cacheVersion?: string | undefined;
  /** Task documentation shown by `tasklens describe`. */
  description?: string | undefined;
}
