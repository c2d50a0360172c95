/**
 * The checking worker: a thread of its own that runs questionnaire checks (check-task.ts) sent by
 * check-pool.ts, so a large or hostile questionnaire never holds up the event loop that serves
 * citizens. survey-core's console output here is condensed like the server's own (server/log.ts).
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { captureConsole } from '../log.js';
import { runCheckTask, type CheckTask, type TaskFailure } from './check-task.js';

captureConsole();

parentPort?.on('message', (message: { id: number; task: CheckTask }) => {
  try {
    const outcome = runCheckTask(message.task);
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
