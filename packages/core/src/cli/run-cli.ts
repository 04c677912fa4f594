import { TasklensError } from '../errors/tasklens-error';
import { VERSION } from '../version';
import { executeCommand } from './execute-command';

const write = (line: string) => process.stdout.write(`${line}\n`);
const isHelp = (token: string) => token === '--help' || token === '-h';

/** True when `--help` comes before the `--` that starts loader arguments. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some(isHelp);
}

// `execute` (a pod's cold start) is imported with the CLI: every module file costs a fresh process
// ~1 ms to resolve, read and link (issue #16). Every other command's code, the usage texts and the
// typo suggestions are imported when needed, so `execute` loads neither `run`'s nor `describe`'s.
const usage = () => import('./cli-usage');

async function dispatch(command: string | undefined, rest: readonly string[]): Promise<number> {
  switch (command) {
    case 'execute': {
      if (asksForHelp(rest)) {
        write((await usage()).commandUsage.execute);
        return 0;
      }
      return (await executeCommand(rest)).exitCode;
    }
    case 'map-execute': {
      if (asksForHelp(rest)) {
        write((await usage()).commandUsage['map-execute']);
        return 0;
      }
      return (await executeCommand(rest, 'map-execute')).exitCode;
    }
    case 'run': {
      const { runCommand } = await import('./run-command');
      return await runCommand(rest, write);
    }
    case 'describe': {
      const [modulePath, taskName] = rest;
      if (asksForHelp(rest)) {
        write((await usage()).commandUsage.describe);
        return 0;
      }
      const flag = rest.find((token) => token.startsWith('-'));
      if (flag !== undefined) {
        const { unknownFlagError } = await import('./suggest-nearest');
        const name = flag.split('=', 1)[0]!;
        process.stderr.write(`${unknownFlagError('tasklens describe', name, ['--help']).message}\n`);
        return 2;
      }
      if (modulePath === undefined || taskName === undefined || rest.length > 2) {
        process.stderr.write(`${(await usage()).commandUsage.describe}\n`);
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
      process.stderr.write(`${(await usage()).mainUsage}\n`);
      return 2;
    case 'help': {
      const { commandUsage, mainUsage } = await usage();
      const topic = rest[0] as keyof typeof commandUsage | undefined;
      if (topic === undefined || topic in commandUsage) {
        write(topic === undefined ? mainUsage : commandUsage[topic]);
        return 0;
      }
      return unknownCommand(topic);
    }
    case '--help':
    case '-h':
      write((await usage()).mainUsage);
      return 0;
    case '--version':
    case '-v':
      write(VERSION);
      return 0;
    default:
      return unknownCommand(command);
  }
}

/** `tasklens exeucte` / `tasklens --hepl` / `tasklens help exeucte`: a usage error with the nearest name. */
async function unknownCommand(command: string): Promise<number> {
  const [{ commandNames, mainUsage }, { suggestNearest }] = await Promise.all([
    usage(),
    import('./suggest-nearest'),
  ]);
  const nearest = suggestNearest(command, command.startsWith('-') ? ['--help', '--version'] : commandNames);
  const hint = nearest === undefined ? '' : ` (did you mean ${nearest}?)`;
  process.stderr.write(
    `tasklens: unknown ${command.startsWith('-') ? 'option' : 'command'} ${command}${hint}\n${mainUsage}\n`,
  );
  return 2;
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
    // Argument errors already say `tasklens execute: …`; say it once.
    const prefix = `tasklens ${command}: `;
    process.stderr.write(`${message.startsWith(prefix) ? '' : prefix}${message}\n`);
    // What escapes execute/map-execute is a bad command line (task failures become error.pb).
    return command === 'execute' || command === 'map-execute' ? 2 : 1;
  }
}
