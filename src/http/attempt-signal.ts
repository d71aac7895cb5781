/**
 * The abort signal of one attempt: fires when the attempt's whole-response time is up, or when
 * any of the given signals fires (the caller's, the run deadline's). undici's `headersTimeout`
 * and `bodyTimeout` only bound silence, so a body dripped one byte at a time just under them
 * would otherwise be read for as long as the server cares to drip.
 *
 * Listeners are added to the outer signals and removed in `dispose` by hand, rather than with
 * `AbortSignal.any`, so a run-long signal does not collect one dependent per attempt.
 */

export interface AttemptSignal {
  signal: AbortSignal;
  /** Whether it was this attempt's own timer that fired. */
  timedOut(): boolean;
  /** Stops the timer and detaches from the outer signals; call when the attempt is over. */
  dispose(): void;
}

export function attemptSignal(timeoutMs: number, outer: readonly (AbortSignal | undefined)[]): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(new Error('attempt timed out'));
  }, timeoutMs);
  const attached: { signal: AbortSignal; listener: () => void }[] = [];
  for (const signal of outer) {
    if (signal === undefined) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const listener = () => controller.abort(signal.reason);
    signal.addEventListener('abort', listener, { once: true });
    attached.push({ signal, listener });
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      for (const { signal, listener } of attached) signal.removeEventListener('abort', listener);
    },
  };
}
