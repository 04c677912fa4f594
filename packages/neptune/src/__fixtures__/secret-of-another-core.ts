/**
 * A `Secret` as a second installed copy of `@tasklens/core` makes it (a task bundling its own copy,
 * two majors side by side): the same fields, but another class, so `instanceof Secret` is false here.
 */
export class SecretOfAnotherCore {
  readonly groupVersion = undefined;
  readonly mountRequirement = 'ANY';
  readonly envVar = undefined;

  constructor(
    readonly group: string,
    readonly key: string,
  ) {}
}
