import { TasklensError } from '../errors/tasklens-error';
import { VERSION } from '../version';
import { commandNames, commandUsage, mainUsage } from './cli-usage';
import { suggestNearest } from './suggest-nearest';

const write = (line: string) => process.stdout.write(`${line}\n`);
const isHelp = (token: string) => token === '--help' || token === '-h';

/** True when `--help` comes before the `--` that starts loader arguments. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some(isHelp);
}

// Each command's code is imported when it runs, so `tasklens execute` (a pod's cold start) loads
// neither `run`'s nor `describe`'s, and `--help` / `--version` load almost nothing.
async function dispatch(command: string | undefined, rest: readonly string[]): Promise<number> {
  switch (command) {
    case 'execute': {
      if (asksForHelp(rest)) {
        write(commandUsage.execute);
        return 0;
      }
      const { executeCommand } = await import('./execute-command');
      return (await executeCommand(rest)).exitCode;
    }
    case 'map-execute': {
      if (asksForHelp(rest)) {
        write(commandUsage['map-execute']);
        return 0;
      }
      const { executeCommand } = await import('./execute-command');
      return (await executeCommand(rest, 'map-execute')).exitCode;
    }
    case 'run': {
      const { runCommand } = await import('./run-command');
      return await runCommand(rest, write);
    }
    case 'describe': {
      const [modulePath, taskName] = rest;
      if (asksForHelp(rest)) {
        write(commandUsage.describe);
        return 0;
      }
      if (modulePath === undefined || taskName === undefined || rest.length > 2) {
        process.stderr.write(`${commandUsage.describe}\n`);
        return 2;
      }
      const [{ describeTask }, { loadTask }] = await Promise.all([
        import('./describe-task'),
        import('../entrypoint/load-task'),
      ]);
      write(JSON.stringify(await describeTask(await loadTask(modulePath, taskName)), null, 2));
      return 0;
    }
    case undefined:
      process.stderr.write(`${mainUsage}\n`);
      return 2;
    case 'help': {
      const topic = rest[0] as keyof typeof commandUsage | undefined;
      write(topic !== undefined && topic in commandUsage ? commandUsage[topic] : mainUsage);
      return 0;
    }
    case '--help':
    case '-h':
      write(mainUsage);
      return 0;
    case '--version':
    case '-v':
      write(VERSION);
      return 0;
    default: {
      const nearest = suggestNearest(
        command,
        command.startsWith('-') ? ['--help', '--version'] : commandNames,
      );
      const hint = nearest === undefined ? '' : ` (did you mean ${nearest}?)`;
      process.stderr.write(
        `tasklens: unknown ${command.startsWith('-') ? 'option' : 'command'} ${command}${hint}\n${mainUsage}\n`,
      );
      return 2;
    }
  }
}

/** The `tasklens` command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    return await dispatch(command, rest);
  } catch (error) {
    const message = TasklensError.isInstance(error)
      ? error.message
      : ((error as Error)?.stack ?? String(error));
    process.stderr.write(`tasklens ${command}: ${message}\n`);
    return command === 'execute' ? 2 : 1;
  }
}
