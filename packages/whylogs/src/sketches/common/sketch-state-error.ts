import { TasklensError } from '@tasklens/core';

const marker = 'tasklens.error.TasklensSketchStateError';
const symbol = Symbol.for(marker);

/**
 * A sketch reached a state its algorithm rules out (DataSketches' `SketchesStateException`):
 * a bug, or sketch bytes that decoded but describe an impossible sketch. `field` names the part
 * of the sketch, e.g. `hll.auxMap` or `kll.numLevels`.
 */
export class SketchStateError extends TasklensError {
  protected readonly [symbol] = true;
  /** The sketch part in the impossible state, e.g. `hll.auxMap`. */
  readonly field: string;

  constructor({ field, message }: { field: string; message: string }) {
    super({ name: 'TasklensSketchStateError', message: `${field}: ${message}` });
    this.field = field;
  }

  static override isInstance(error: unknown): error is SketchStateError {
    return TasklensError.hasMarker(error, marker);
  }
}
