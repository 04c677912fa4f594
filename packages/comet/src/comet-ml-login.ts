import type { Decorate, ExecutionContext } from '@tasklens/core';
import { createDecorator, createLogger, registerSecretValue } from '@tasklens/core/plugin';
import type { CometExperiment } from './experiment/comet-experiment';
import { cometExperimentAttribute } from './experiment/current-experiment';
import { start } from './experiment/start-experiment';
import { checkExperimentKey, repairDerivedExperimentKey } from './login/check-experiment-key';
import { type CometMlLoginOptions, resolveCometMlLoginOptions } from './login/comet-ml-login-options';
import { experimentKeySuffix } from './login/experiment-key';
import { loginArguments } from './login/login-arguments';
import { login } from './settings/login-session';

/** Link type when the key is derived from the pod name (flytekit's `COMET_ML_EXECUTION_TYPE_VALUE`). */
export const COMET_ML_EXECUTION_TYPE_VALUE = 'comet-ml-execution-id';
/** Link type when a custom experiment key is given (flytekit's `COMET_ML_CUSTOM_TYPE_VALUE`). */
export const COMET_ML_CUSTOM_TYPE_VALUE = 'comet-ml-custom-id';
/** Context attribute holding `{ experiment_tracker_url }` for the task (ZenML's run metadata key). */
export const trackerMetadataAttribute = 'TRACKER_METADATA';

const logger = createLogger('tasklens:comet');

/**
 * flytekit's `comet_ml_login`, plus the experiment lifecycle flytekit leaves to user code: it logs
 * in with flytekit's arguments (remotely: the API key from `secret`, the key derived from the pod
 * name), starts the experiment before the task (named `{execution}_{task}` and tagged with the
 * workflow and execution names, as ZenML's tracker), exposes it as `cometExperiment()`, prints its
 * URL once, registers it with core's tracker interface (the Tracking deck, `trackingMetadata()`), and ends it after the task: failed, with the error, when the
 * task throws. A key Comet would refuse is an `InvalidOptionError` (given keys) or repaired
 * (derived keys, see `repairDerivedExperimentKey`).
 */
export function cometMlLogin(options: CometMlLoginOptions): Decorate {
  const { projectName, workspace, experimentKey, host } = resolveCometMlLoginOptions(options);
  return createDecorator({
    name: 'cometMlLogin',
    async execute<Result>(context: ExecutionContext, next: (child?: ExecutionContext) => Promise<Result>) {
      // Checked here, not at decoration, so flytekit's link config still works for any key.
      if (experimentKey) checkExperimentKey(experimentKey, 'cometMlLogin.experimentKey');
      const settings = await loginArguments(options, context);
      if (settings.apiKey !== undefined) registerSecretValue(settings.apiKey);
      if (!context.isLocal && !experimentKey) {
        const repaired = repairDerivedExperimentKey(context.defaultRunId, projectName, workspace);
        if (repaired !== settings.experimentKey) {
          logger.warn(
            `the experiment key derived from the pod name (${settings.experimentKey}) is not one Comet accepts; using ${repaired}`,
          );
          settings.experimentKey = repaired;
        }
      }
      const {
        transport: _transport,
        handshakeDeadlineMs: _deadline,
        checkpointIntervalMs: _checkpoint,
        ...sessionSettings
      } = settings;
      login(sessionSettings);
      // The task waits for the handshake (`comet_ml.login()` checks the key before flytekit's task
      // runs too): a refused key fails the task before user code, as an InvalidOptionError('apiKey').
      const experiment = await start({
        waitForHandshake: true,
        ...settings,
        experimentName: settings.experimentName ?? experimentNameFor(context),
        tags: [...workflowTags(context), ...(settings.tags ?? [])],
        environment: context.environment,
      });
      printWhereToLook(experiment);
      const child = context
        .withAttribute(cometExperimentAttribute, experiment)
        .withAttribute(trackerMetadataAttribute, trackerMetadataOf(experiment));
      let output: Result;
      try {
        output = await next(child);
      } catch (error) {
        await experiment.end({ error });
        throw error;
      }
      // The archive path, if any, is printed once by the experiment's sink.
      await experiment.end();
      return output;
    },
    extraConfig() {
      const config: Record<string, string> = { project_name: projectName, workspace, host };
      // `is None` in flytekit: an empty key still counts as custom here (unlike at run time).
      if (experimentKey === undefined || experimentKey === null) {
        config.link_suffix = experimentKeySuffix(projectName, workspace);
        config.link_type = COMET_ML_EXECUTION_TYPE_VALUE;
      } else {
        config.experiment_key = experimentKey;
        config.link_type = COMET_ML_CUSTOM_TYPE_VALUE;
      }
      return config;
    },
  });
}

/**
 * Printed once at the start: the page of an online experiment, or, for an offline one (which has
 * no page until it is uploaded, as the SDK's offline experiment), its archive and upload command.
 */
function printWhereToLook(experiment: CometExperiment): void {
  if (experiment.url !== undefined) {
    process.stdout.write(`Comet experiment: ${experiment.url}\n`);
  } else {
    process.stdout.write(
      `Comet experiment ${experiment.key} is offline (no URL until it is uploaded); archive: ${experiment.archivePath}\n`,
    );
  }
}

/**
 * ZenML's run metadata: `experiment_tracker_url` is the page of an online experiment and is left
 * out for an offline one, which names its archive and upload command instead. Read when asked, so
 * it follows the experiment.
 */
function trackerMetadataOf(experiment: CometExperiment): Readonly<Record<string, string | undefined>> {
  return {
    get experiment_tracker_url() {
      return experiment.url;
    },
    get offline_path() {
      return experiment.archivePath;
    },
    get sync_command() {
      return experiment.uploadCommand;
    },
  };
}

/** ZenML's naming: `{workflow execution name}_{task name}` inside a workflow, else the task name. */
function experimentNameFor(context: ExecutionContext): string {
  const inWorkflow = context.mode === 'local-workflow' || !context.isLocal;
  return inWorkflow ? `${context.executionId.name}_${context.taskName}` : context.taskName;
}

/** ZenML tags every experiment with the workflow (pipeline) name and the execution (run) name. */
function workflowTags(context: ExecutionContext): string[] {
  const tags: string[] = [];
  const workflow = context.environment.FLYTE_INTERNAL_EXECUTION_WORKFLOW ?? context.environment._F_WF;
  if (workflow) tags.push(workflow);
  if (context.mode === 'local-workflow' || !context.isLocal) tags.push(context.executionId.name);
  return tags;
}
