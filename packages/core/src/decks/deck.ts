import { ambientStorage } from '../context/ambient-storage';
import { InvalidOptionError } from '../errors/invalid-option-error';

export interface DeckOptions {
  /** Add the deck to the running task's decks at construction; default true, as flytekit. */
  autoAddToDeck?: boolean;
}

/**
 * A named tab of HTML in the task's `deck.html`. Like flytekit's `Deck`, a new deck joins the
 * running task's decks when it is constructed; outside a task it is a free-standing value.
 */
export class Deck {
  readonly name: string;
  private content: string;

  constructor(name: string, html = '', options: DeckOptions = {}) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidOptionError({ option: 'Deck.name', message: 'Deck.name must be a non-empty string' });
    }
    if (typeof html !== 'string') {
      throw new InvalidOptionError({
        option: 'Deck.html',
        message: `Deck.html must be a string, got ${typeof html}`,
      });
    }
    this.name = name;
    this.content = html;
    if (options.autoAddToDeck ?? true) {
      // Decks sit below the context and see only its deck list (importing the context would be a cycle).
      const context = ambientStorage().getStore() as { readonly decks: Deck[] } | undefined;
      context?.decks.push(this);
    }
  }

  /** The deck's HTML body (trusted: it is inserted into the page as is). */
  get html(): string {
    return this.content;
  }

  /** Appends `\n` + HTML, exactly as flytekit's `Deck.append` (even to an empty deck); returns the deck. */
  append(html: string): this {
    if (typeof html !== 'string') {
      throw new InvalidOptionError({
        option: 'Deck.append',
        message: `Deck.append takes a string, got ${typeof html}`,
      });
    }
    this.content = `${this.content}\n${html}`;
    return this;
  }
}
