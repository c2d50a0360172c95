/**
 * The checking worker: a thread of its own that runs questionnaire checks (check-task.ts) or
 * survey-core's checks of answers (ingest/validate-task.ts) sent by check-pool.ts, so a large or
 * hostile questionnaire, or a slow survey-core Model, never holds up the event loop that serves
 * citizens. survey-core's console output here is condensed like the server's own (server/log.ts).
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { captureConsole } from '../log.js';
import { runValidateTask, type ValidateTask } from '../ingest/validate-task.js';
import { runCheckTask, type CheckTask, type TaskFailure } from './check-task.js';

captureConsole();

parentPort?.on('message', (message: { id: number; task: CheckTask | ValidateTask }) => {
  try {
    const { task } = message;
    const outcome = 'validate' in task ? runValidateTask(task) : runCheckTask(task);
    parentPort!.postMessage({ id: message.id, outcome });
  } catch (e) {
    const failure: TaskFailure =
      e instanceof AppError
        ? { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) }
        : {
            code: 'SurveyTooComplex',
            message: `the questionnaire could not be checked: ${String((e as Error)?.message ?? e).slice(0, 200)}`,
          };
    parentPort!.postMessage({ id: message.id, failure });
  }
});
