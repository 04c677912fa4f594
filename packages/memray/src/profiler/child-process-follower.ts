import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentConfig, agentMain } from './agent-main';

const agentVariable = 'TASKLENS_MEMRAY_AGENT';

/**
 * The `followFork` analogue: while the task runs, NODE_OPTIONS carries `--require <preload>`, so
 * every Node child process (fork, spawn, exec through a shell) profiles itself and writes its
 * capture next to the parent's. Node has no fork-without-exec, so this is the closest match.
 */
export class ChildProcessFollower {
  private readonly preloadPath: string;
  private previousOptions: string | undefined;
  private previousAgent: string | undefined;

  constructor(private readonly config: AgentConfig) {
    this.preloadPath = join(config.directory, `.${config.stem}.agent.cjs`);
  }

  start(): void {
    writeFileSync(
      this.preloadPath,
      `'use strict';
// Written by @tasklens/memray (followFork): profiles this Node process for the parent's report.
const config = JSON.parse(process.env.${agentVariable} || 'null');
if (config && process.pid !== config.parentPid) (${String(agentMain)})(config, (name) => require(name));
`,
    );
    this.previousOptions = process.env.NODE_OPTIONS;
    this.previousAgent = process.env[agentVariable];
    const preload = `--require ${JSON.stringify(this.preloadPath)}`;
    process.env.NODE_OPTIONS = this.previousOptions ? `${this.previousOptions} ${preload}` : preload;
    process.env[agentVariable] = JSON.stringify(this.config);
  }

  stop(): void {
    if (this.previousOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = this.previousOptions;
    if (this.previousAgent === undefined) delete process.env[agentVariable];
    else process.env[agentVariable] = this.previousAgent;
    rmSync(this.preloadPath, { force: true });
  }
}
