export { oracleCommand, oraclePython } from '../../../test-support/oracle-python';
export { type ProcessResult, runProcess as run } from '../../../test-support/run-process';
