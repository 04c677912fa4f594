import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { currentContext } from '../context/current-context';
import { Deck } from '../decks/deck';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { TaskInputError } from '../errors/task-input-error';
import { setLogSink } from '../logging/logger';
import { types } from '../types/types';
import { task } from './task';
import { workflow } from './workflow';

const lines: string[] = [];
const previousSink = setLogSink((_level, line) => lines.push(line));
afterEach(() => {
  lines.length = 0;
});
process.on('exit', () => setLogSink(previousSink));

function deckPathFromLog(): string {
  const line = lines.find((entry) => entry.includes('creates flyte deck html to file://'));
  expect(line).toBeDefined();
  return line!.split('file://')[1]!;
}

function tabNames(html: string): string[] {
  return [...html.matchAll(/<li onclick="handleLinkClick\(this\)">(.*?)<\/li>/g)].map((match) => match[1]!);
}

describe('task', () => {
  it('returns a single output and validates its type', async () => {
    const double = task(
      { name: 'math.double', inputs: { x: types.integer() }, outputs: types.integer() },
      ({ x }) => x * 2,
    );
    expect(await double({ x: 21 })).toBe(42);
    const wrong = task({ name: 'math.wrong', outputs: types.integer() }, () => 'nope' as unknown as number);
    await expect(wrong()).rejects.toThrow(
      'outputs.o0 must be a safe integer (declare types.int64() for larger values), got string "nope"',
    );
  });

  it('returns named outputs as an object', async () => {
    const split = task(
      {
        name: 'text.split',
        inputs: { text: types.string() },
        outputs: { head: types.string(), count: types.integer() },
      },
      ({ text }) => ({ head: text.split(' ')[0]!, count: text.split(' ').length }),
    );
    expect(await split({ text: 'a b c' })).toEqual({ head: 'a', count: 3 });
  });

  it('rejects an input of the wrong type with a typed error naming the input', async () => {
    const fitModel = task({ name: 'ml.fit', inputs: { rows: types.list(types.float()) } }, () => undefined);
    const error = await fitModel({ rows: [1, 'two' as unknown as number] }).catch(
      (caught: unknown) => caught,
    );
    expect(TaskInputError.isInstance(error)).toBe(true);
    expect((error as TaskInputError).path).toBe('inputs.rows[1]');
  });

  it('rejects a missing and an unknown input', async () => {
    const fitModel = task({ name: 'ml.fit', inputs: { rows: types.integer() } }, () => undefined);
    await expect(fitModel({} as never)).rejects.toThrow('ml.fit: missing input rows (integer)');
    await expect(fitModel({ rows: 1, extra: 2 } as never)).rejects.toThrow('ml.fit: unknown input extra');
  });

  it('refuses enableDeck together with disableDeck, naming the option', () => {
    let caught: unknown;
    try {
      task({ name: 'bad', enableDeck: true, disableDeck: false }, () => undefined);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionError).option).toBe('task.enableDeck');
    expect((caught as Error).message).toContain('only one of [disable_deck, enable_deck] can be set');
  });

  it('refuses an unknown deck field', () => {
    expect(() =>
      task({ name: 'bad', enableDeck: true, deckFields: ['Input', 'Charts' as never] }, () => undefined),
    ).toThrow(/task.deckFields has an unknown deck field "Charts"/);
  });

  it("writes deck.html with flytekit's deck order and prints its file:// path", async () => {
    const train = task(
      { name: 'demo.train', inputs: { n: types.integer() }, outputs: types.float(), enableDeck: true },
      ({ n }) => {
        new Deck('Metrics', '<p>rmse</p>');
        return n / 2;
      },
    );
    expect(await train({ n: 3 })).toBe(1.5);
    const html = readFileSync(deckPathFromLog(), 'utf8');
    expect(tabNames(html)).toEqual(['Timeline', 'Metrics', 'Source Code', 'Dependencies', 'Input', 'Output']);
    expect(lines.some((line) => line.includes('train task creates flyte deck html to file://'))).toBe(true);
    expect(html).toContain('<td>Execute user level code</td>');
  });

  it('renders only the requested deck fields, and nothing when decks are off', async () => {
    const some = task(
      { name: 'x.some', enableDeck: true, deckFields: ['Input', 'Timeline'] },
      () => undefined,
    );
    await some();
    expect(tabNames(readFileSync(deckPathFromLog(), 'utf8'))).toEqual(['Timeline', 'Input']);
    lines.length = 0;
    const none = task({ name: 'x.none' }, () => undefined);
    await none();
    expect(lines.filter((line) => line.includes('deck html'))).toEqual([]);
  });

  it('does not write decks locally when the task throws, as flytekit', async () => {
    const failing = task({ name: 'x.fail', enableDeck: true }, () => {
      throw new Error('bad data');
    });
    await expect(failing()).rejects.toThrow('bad data');
    expect(lines.filter((line) => line.includes('deck html'))).toEqual([]);
  });
});

describe('workflow', () => {
  it('gives tasks node ids n0, n1, … in one local-workflow execution', async () => {
    const seen: string[] = [];
    const step = task({ name: 'wf.step', inputs: { label: types.string() } }, ({ label }) => {
      const context = currentContext();
      seen.push(`${label}:${context.mode}:${context.nodeId}:${context.executionId.name}`);
    });
    const pipeline = workflow('wf.pipeline', async () => {
      await step({ label: 'a' });
      await step({ label: 'b' });
    });
    await pipeline();
    expect(seen).toEqual(['a:local-workflow:n0:local', 'b:local-workflow:n1:local']);
  });

  it('runs a task called directly as a local task with an empty node id', async () => {
    const step = task(
      { name: 'solo', outputs: types.string() },
      () => `${currentContext().mode}:${currentContext().nodeId}`,
    );
    expect(await step()).toBe('local-task:');
  });
});
