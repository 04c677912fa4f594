import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { compatibilityLine, globalSlot, globalSlotKeyName } from './global-slot';

const packageName = '@tasklens/global-slot-test';
const owner = (version: string) => ({ packageName, version });

afterEach(() => {
  for (const line of ['1', '2', '0.3', '0.4']) {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for(`tasklens.global.${packageName}@${line}`)];
  }
});

describe('globalSlot', () => {
  it('shares a value between copies of the same major, whatever their minor and patch', () => {
    const older = globalSlot<Set<string>>(owner('1.2.0'), 'values');
    const newer = globalSlot<Set<string>>(owner('1.9.4'), 'values');
    const created = older.getOrCreate(() => new Set(['first']));
    expect(newer.getOrCreate(() => new Set(['second']))).toBe(created);
    expect(newer.get()).toBe(created);
  });

  it('gives copies of different majors separate values that cannot overwrite each other', () => {
    const one = globalSlot<string>(owner('1.0.0'), 'sink');
    const two = globalSlot<string>(owner('2.0.0'), 'sink');
    one.set('from v1');
    two.set('from v2');
    expect(one.get()).toBe('from v1');
    expect(two.get()).toBe('from v2');
    two.set(undefined);
    expect(one.get()).toBe('from v1');
    expect(two.get()).toBeUndefined();
  });

  it('treats each 0.x minor as its own major, as semver lets 0.x minors break', () => {
    expect(compatibilityLine('0.3.1')).toBe('0.3');
    expect(compatibilityLine('0.3.9-beta.1')).toBe('0.3');
    expect(compatibilityLine('1.7.0-next.2')).toBe('1');
    globalSlot<number>(owner('0.3.0'), 'count').set(3);
    expect(globalSlot<number>(owner('0.3.7'), 'count').get()).toBe(3);
    expect(globalSlot<number>(owner('0.4.0'), 'count').get()).toBeUndefined();
  });

  it('keeps slots of different packages and different names apart', () => {
    globalSlot<string>(owner('1.0.0'), 'a').set('a');
    expect(globalSlot<string>(owner('1.0.0'), 'b').get()).toBeUndefined();
    expect(
      globalSlot<string>({ packageName: '@tasklens/other', version: '1.0.0' }, 'a').get(),
    ).toBeUndefined();
  });

  it('empties a slot with set(undefined) so getOrCreate creates a new value', () => {
    const slot = globalSlot<object>(owner('1.0.0'), 'object');
    const first = slot.getOrCreate(() => ({}));
    slot.set(undefined);
    expect(slot.get()).toBeUndefined();
    expect(slot.getOrCreate(() => ({}))).not.toBe(first);
  });

  it('offers an expression that reads the value where our modules cannot be imported', () => {
    const slot = globalSlot<() => string>(owner('1.0.0'), 'probe');
    slot.set(() => 'probed');
    // Compiled from text, as an inspector Runtime.evaluate compiles it.
    const read = new Function(`return ${slot.expression};`)() as () => string;
    expect(read()).toBe('probed');
    expect(globalSlotKeyName(owner('1.0.0'))).toBe(`tasklens.global.${packageName}@1`);
  });

  it('rejects a version that is not semver with an InvalidOptionError naming it', () => {
    let caught: unknown;
    try {
      globalSlot(owner('latest'), 'x');
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionError).option).toBe('globalSlot.version');
  });
});
