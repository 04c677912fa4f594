import { createDecorator, type Decorate, type Decorated } from './create-decorator';
import type { TaskDecorator } from './task-decorator';

type AnyFunction = (...args: any[]) => any;

/** A decorator usable bare (`profile(fn)`, `@profile`) or with options (`profile({ ... })(fn)`). */
export interface DecoratorFactory<Options extends object> {
  <Args extends any[], Result, This = unknown>(
    fn: (this: This, ...args: Args) => Result,
  ): Decorated<Args, Result, This>;
  <This, Args extends any[], Result>(
    method: (this: This, ...args: Args) => Promise<Result>,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Promise<Result>>,
  ): (this: This, ...args: Args) => Promise<Result>;
  (options?: Options): Decorate;
}

/**
 * Builds a decorator that, like flytekit's `ClassDecorator`, works both bare and with options.
 * `build` validates the options and returns the decorator; it runs once per application, so
 * invalid options fail where the decorator is written.
 */
export function defineDecorator<Options extends object>(
  build: (options: Options) => TaskDecorator,
): DecoratorFactory<Options> {
  function factory(argument?: Options | AnyFunction): Decorate | AnyFunction {
    if (typeof argument === 'function') return createDecorator(build({} as Options))(argument);
    return createDecorator(build((argument ?? {}) as Options));
  }
  return factory as DecoratorFactory<Options>;
}
