/**
 * http/dispatch-get: one GET through undici's handler API (`Dispatcher.dispatch`). The answer's
 * bytes are collected as they arrive, up to a cap, with no stream or async iterator per
 * response: that machinery cost a run more than the bytes themselves.
 */
import type { Dispatcher } from 'undici';
import { CappedBody } from './record.js';

export type DispatchOutcome =
  | {
      readonly status: number;
      readonly headers: Readonly<Record<string, string | string[] | undefined>>;
      readonly body: CappedBody;
    }
  | { readonly error: unknown };

export interface DispatchedGet {
  /** Settles once: with the answer (cut at the cap), or with what stopped it. */
  readonly done: Promise<DispatchOutcome>;
  /**
   * Stops the request: `done` settles at once with `reason`, and undici drops the request (at
   * once if it is on a connection, else as soon as it gets one).
   */
  abort(reason: Error): void;
}

export function dispatchGet(
  dispatcher: Dispatcher,
  request: { readonly origin: string; readonly path: string; readonly headers: Readonly<Record<string, string>> },
  maxBytes: number,
): DispatchedGet {
  let settle!: (outcome: DispatchOutcome) => void;
  const done = new Promise<DispatchOutcome>((resolve) => (settle = resolve));
  let settled = false;
  const finish = (outcome: DispatchOutcome): void => {
    if (settled) return;
    settled = true;
    settle(outcome);
  };
  let controller: Dispatcher.DispatchController | undefined;
  let pendingAbort: Error | undefined;
  let status = 0;
  let headers: Record<string, string | string[] | undefined> = {};
  const body = new CappedBody(maxBytes);
  const handler: Dispatcher.DispatchHandler = {
    onRequestStart(started) {
      controller = started;
      if (pendingAbort !== undefined) started.abort(pendingAbort);
    },
    onResponseStart(_controller, statusCode, responseHeaders) {
      // 1xx informational answers come before the real one.
      if (statusCode < 200) return;
      status = statusCode;
      headers = responseHeaders;
    },
    onResponseData(current, chunk) {
      if (body.push(chunk)) return;
      // Past the cap: the answer is kept cut, and the connection closed instead of drained.
      finish({ status, headers, body });
      current.abort(new Error(`response cut at ${maxBytes} bytes`));
    },
    onResponseEnd() {
      finish({ status, headers, body });
    },
    onResponseError(_controller, error) {
      finish({ error });
    },
  };
  try {
    // Passed as a path, not a URL, so undici does not re-normalize the query.
    dispatcher.dispatch({ origin: request.origin, path: request.path, method: 'GET', headers: request.headers }, handler);
  } catch (error) {
    finish({ error });
  }
  return {
    done,
    abort(reason) {
      finish({ error: reason });
      if (controller !== undefined) controller.abort(reason);
      else pendingAbort = reason;
    },
  };
}
