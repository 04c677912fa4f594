import { findCurrentContext, runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import type { ExecutionContext } from '../context/execution-context';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { decoratorsOf, decoratorsSymbol, unwrapFunction, wrappedSymbol } from './decorator-symbols';
import type { TaskDecorator } from './task-decorator';

type AnyFunction = (...args: any[]) => any;

/** A function after decoration: same parameters, always async, carrying its decorator list. */
export type DecoratedFunction<Fn extends AnyFunction> = ((
  this: ThisParameterType<Fn>,
  ...args: Parameters<Fn>
) => Promise<Awaited<ReturnType<Fn>>>) & {
  readonly [decoratorsSymbol]: readonly TaskDecorator[];
  readonly [wrappedSymbol]: AnyFunction;
};

/**
 * Applies a decorator to a function (`wandbInit({...})(train)`) or, as a TypeScript standard
 * decorator, to an async class method (`@wandbInit({...}) async train() {}`).
 */
export interface Decorate {
  <Fn extends AnyFunction>(fn: Fn): DecoratedFunction<Fn>;
  <This, Args extends any[], Result>(
    method: (this: This, ...args: Args) => Promise<Result>,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Promise<Result>>,
  ): (this: This, ...args: Args) => Promise<Result>;
}

/**
 * Turns a `TaskDecorator` into something that wraps functions. Called inside a task, the wrapper
 * uses the task's context; called outside any task, it runs as a local task (flytekit would treat
 * that as remote by accident).
 */
export function createDecorator(decorator: TaskDecorator): Decorate {
  function decorate(fn: AnyFunction): AnyFunction {
    if (typeof fn !== 'function') {
      throw new InvalidOptionError({
        option: decorator.name,
        message: `${decorator.name} must be applied to a function, got ${typeof fn}`,
      });
    }
    const wrapper = function (this: unknown, ...args: unknown[]) {
      const call = (context: ExecutionContext) =>
        decorator.execute(context, (child?: ExecutionContext) =>
          runInContext(child ?? context, async () => fn.apply(this, args)),
        );
      const context = findCurrentContext();
      if (context !== undefined) return call(context);
      const local = createLocalContext({ taskName: unwrapFunction(fn).name || 'local' });
      return runInContext(local, () => call(local));
    };
    Object.defineProperty(wrapper, 'name', { value: fn.name, configurable: true });
    Object.defineProperty(wrapper, 'length', { value: fn.length, configurable: true });
    Object.defineProperty(wrapper, decoratorsSymbol, { value: [decorator, ...decoratorsOf(fn)] });
    Object.defineProperty(wrapper, wrappedSymbol, { value: unwrapFunction(fn) });
    return wrapper;
  }
  return decorate as Decorate;
}
