import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionContext } from '../context/execution-context';
import { randomLocalDirectory } from '../context/local-sandbox';
import { createLogger } from '../logging/logger';
import { renderDeckHtml } from './render-deck-html';

const logger = createLogger('tasklens:deck');

/** Uploads the rendered deck to `<output prefix>/deck.html`; supplied by the Flyte entrypoint. */
export type DeckUploader = (localPath: string, context: ExecutionContext) => Promise<void>;

/**
 * Writes the task's decks as flytekit's `_output_deck`: always to a fresh local directory (its
 * `file://` path is logged, unless `announce` is false because the caller prints it itself), and
 * in a Flyte task execution also through `upload`. Failures are logged, never thrown: a deck must
 * not fail the task.
 */
export async function writeDeck(
  context: ExecutionContext,
  upload?: DeckUploader,
  announce = true,
): Promise<string | undefined> {
  try {
    const path = join(randomLocalDirectory(context.sandboxDirectory), 'deck.html');
    writeFileSync(path, renderDeckHtml(context.decks), 'utf8');
    if (announce) logger.info(`${context.taskName} task creates flyte deck html to file://${path}`);
    if (context.mode === 'task-execution' && upload !== undefined) await upload(path, context);
    return path;
  } catch (error) {
    logger.error(
      `Failed to write flyte deck html with error ${error instanceof Error ? error.message : String(error)}.`,
    );
    return undefined;
  }
}
