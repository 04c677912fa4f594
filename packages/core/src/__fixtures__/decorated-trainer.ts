// Compiled by the test with TypeScript itself, so the standard-decorator syntax is exercised as a
// user's compiler would lower it (vite's transformer does not lower decorators).
export function makeTrainer(traced: any, readAttribute: () => unknown) {
  class Trainer {
    factor = 3;
    @traced
    async train(value: number): Promise<number> {
      return value * this.factor + (readAttribute() === 'method-run' ? 1 : 0);
    }
  }
  return Trainer;
}
