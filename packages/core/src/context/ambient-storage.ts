import { AsyncLocalStorage } from 'node:async_hooks';
import { coreSlot } from '../globals/core-slot';

const storageSlot = coreSlot<AsyncLocalStorage<object>>('context.storage');

// The first tracker registered in a process (a provider's start()) creates the storage:
// parenthesized, so V8 compiles this at import too (an arrow function is compiled on its first call).
// biome-ignore format: the parentheses are the compile hint
const newStorage = (function newStorage(): AsyncLocalStorage<object> {
  return new AsyncLocalStorage<object>();
});

/**
 * The one AsyncLocalStorage behind `currentContext()`, for every copy of `@tasklens/core` of this
 * major in the process (a plugin bundling its own core still sees the context the runner set). Its
 * store is untyped here so that layers below the context (decks) can read the part they need
 * without importing the context; `context-storage.ts` gives it its type.
 */
// biome-ignore format: parenthesized, so V8 compiles it at import, not on its first call
export const ambientStorage = (function ambientStorage(): AsyncLocalStorage<object> {
  return storageSlot.getOrCreate(newStorage);
});
