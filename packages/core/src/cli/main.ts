import { loadTask } from '../entrypoint/load-task';
import { TasklensError } from '../errors/tasklens-error';
import { describeTask } from './describe-task';
import { executeCommand } from './execute-command';
import { runCommand } from './run-command';

const usage = `usage:
  tasklens execute --inputs <uri> --output-prefix <uri> [--raw-output-data-prefix <uri>]
                   [--checkpoint-path <uri>] [--prev-checkpoint <uri|"">]
                   --task-module <path|package> --task-name <export>
      Runs one Flyte task attempt (the pyflyte-execute contract); unknown Flyte flags are ignored.
  tasklens run <module> <task> [--input value …]
      Runs a task locally; prints its outputs as JSON and the deck path.
  tasklens describe <module> <task>
      Prints the task's interface and settings as JSON (used by the Python helper).`;

const write = (line: string) => process.stdout.write(`${line}\n`);

/** The `tasklens` command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'execute': {
        const outcome = await executeCommand(rest);
        return outcome.exitCode;
      }
      case 'run':
        return await runCommand(rest, write);
      case 'describe': {
        const [modulePath, taskName] = rest;
        if (modulePath === undefined || taskName === undefined) {
          process.stderr.write(`${usage}\n`);
          return 2;
        }
        write(JSON.stringify(await describeTask(await loadTask(modulePath, taskName)), null, 2));
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        write(usage);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`tasklens: unknown command ${command}\n${usage}\n`);
        return 2;
    }
  } catch (error) {
    const message = TasklensError.isInstance(error)
      ? error.message
      : ((error as Error)?.stack ?? String(error));
    process.stderr.write(`tasklens ${command}: ${message}\n`);
    return command === 'execute' ? 2 : 1;
  }
}

// Exit explicitly once stdout is flushed, as pyflyte-execute does: open handles left by task code
// (timers, keep-alive sockets) must not keep a finished pod running.
main(process.argv.slice(2)).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
