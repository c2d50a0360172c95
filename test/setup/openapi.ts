/**
 * Integration tests only: every `fetch` a test makes to an Ovoz server it started on this machine
 * has its response checked against docs/openapi.json (test/helpers/openapi.ts) before the test
 * sees it. Requests to anything else pass through unchecked.
 */
import { assertConforms, isOvozPath } from '../helpers/openapi.js';

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);
const plainFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const res = await plainFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (LOCAL.has(url.hostname) && isOvozPath(url.pathname)) {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    await assertConforms(method, url.href, res, true);
  }
  return res;
};
