/** A key (or nested key path) with its value already encoded as W&B JSON. */
export type EncodedItem = readonly [key: string, valueJson: string];
