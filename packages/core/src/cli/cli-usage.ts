/** Help text of each `tasklens` command; `tasklens <command> --help` prints it. */
export const commandUsage = {
  execute: `usage: tasklens execute --inputs <uri> --output-prefix <uri> --task-module <path|package> --task-name <export>
                        [--raw-output-data-prefix <uri>] [--checkpoint-path <uri>] [--prev-checkpoint <uri|"">]

Runs one Flyte task attempt (the pyflyte-execute container contract): reads inputs.pb, runs the
task, writes outputs.pb or error.pb and deck.html under the output prefix.

options:
  --inputs <uri>                   inputs.pb (a flyteidl LiteralMap), {{.input}}
  --output-prefix <uri>            where outputs.pb, error.pb and deck.html go, {{.outputPrefix}}
  --raw-output-data-prefix <uri>   where produced files and blobs go; default a local sandbox
  --checkpoint-path <uri>          this attempt's checkpoint location; default none
  --prev-checkpoint <uri|"">       the previous attempt's checkpoint; "" = none
  --task-module <path|package>     the module exporting the task (.js, .mjs, .cjs; .ts with tsx)
  --task-name <export>             its export name, or the task's declared name
  --test, --resolver, --dynamic-addl-distro, --dynamic-dest-dir
                                   pyflyte-execute's, accepted and unused
  -h, --help                       this help
After --, flytekit loader arguments \`task-module <m> task-name <n>\` are accepted too.`,
  'map-execute': `usage: tasklens map-execute --inputs <uri> --output-prefix <uri> --task-module <path|package> --task-name <export>
                        [--bound-inputs <a,b>] [execute's options] [-- vars <a,b> …]

Runs one subtask of a Flyte map task / ArrayNode (the pyflyte-map-execute contract): inputs.pb
holds the whole lists; the subtask index is $BATCH_JOB_ARRAY_INDEX_OFFSET (default 0) plus the
variable named by $BATCH_JOB_ARRAY_INDEX_VAR_NAME (propeller: FLYTE_K8S_ARRAY_INDEX). Element <index>
of every list input is passed to the task; bound inputs are passed whole. Outputs, error.pb and
deck.html go under the output prefix (propeller gives each subtask its own).

options:
  --bound-inputs <a,b>             inputs passed whole to every subtask; default none
  --max-concurrency <n>            pyflyte-map-execute's, accepted and unused
  (and every option of tasklens execute)
After --, flytekit's map-task loader arguments \`vars <a,b> resolver <r> task-module <m> task-name <n>\`
are accepted too.`,
  run: `usage: tasklens run <module> <task|workflow> [--<input> <value> …]

Runs a task or a workflow locally, like \`pyflyte run\`; prints its outputs (a workflow: what it
returns) as JSON and the path of every report. A workflow takes inputs from the command line when
declared with \`workflow({ name, inputs }, fn)\`.
<module> is a file (\`./app.js\`, \`app.ts\`; TypeScript needs tsx installed) or a package name.
\`tasklens run <module> --help\` lists the module's tasks and workflows; \`tasklens run <module> <task> --help\`
lists the task's (or workflow's) inputs with their types. Inputs are given as --name value (or --name=value;
camelCase names also as --kebab-case); lists, maps and JSON as JSON text.
Exit codes: 0 done; 1 the task failed or its module did not load; 2 a usage error (an unknown
flag, input, task or workflow; a missing or unreadable input), as pyflyte run exits for one.

options:
  -h, --help   this help`,
  describe: `usage: tasklens describe <module> <task>

Prints the task's interface and settings as JSON (used by the Python helper tasklens_flyte.py).

options:
  -h, --help   this help`,
} as const;

/** `tasklens --help`. */
export const mainUsage = `usage: tasklens <command> [options]

commands:
  run <module> <task|workflow> [--<input> …]  run a task or workflow locally; prints outputs, reports
  execute --inputs <uri> --output-prefix <uri> --task-module <m> --task-name <t> …
                                              run one Flyte task attempt (pyflyte-execute contract)
  map-execute … (execute's options)           run one map-task / ArrayNode subtask (pyflyte-map-execute)
  describe <module> <task>                    print a task's interface as JSON

options:
  -h, --help      this help (\`tasklens <command> --help\` for a command's)
  -v, --version   the version of @tasklens/core`;

/** Commands `tasklens` knows, for "did you mean". */
export const commandNames = Object.keys(commandUsage);
