/** Property of a decorated function listing its decorators, outermost first. */
export const decoratorsSymbol: unique symbol = Symbol.for('tasklens.decorators') as never;
/** Property of a decorated function pointing at the undecorated user function. */
export const wrappedSymbol: unique symbol = Symbol.for('tasklens.wrapped') as never;

type AnyFunction = (...args: any[]) => any;

/** Decorators applied to `fn`, outermost first (empty for a plain function). */
export function decoratorsOf(fn: AnyFunction): readonly import('./task-decorator').TaskDecorator[] {
  return (fn as { [decoratorsSymbol]?: import('./task-decorator').TaskDecorator[] })[decoratorsSymbol] ?? [];
}

/** The user function under every decorator. */
export function unwrapFunction(fn: AnyFunction): AnyFunction {
  return (fn as { [wrappedSymbol]?: AnyFunction })[wrappedSymbol] ?? fn;
}
