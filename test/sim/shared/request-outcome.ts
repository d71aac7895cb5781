/**
 * What one request ended as, for the fault-injection tests of both simulators: the status,
 * `STATUS:truncated` when the body was cut short (or is not JSON), `stalled` when nothing
 * came back in time, `failed` when the connection broke.
 */
export async function requestOutcome(url: string, authorization: string, timeoutMs = 2_000): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'stalled' : 'failed';
  }
  try {
    JSON.parse(await res.text());
    return String(res.status);
  } catch {
    return `${res.status}:truncated`;
  }
}

/** Starts a simulator, sends `n` sequential GETs to `path`, closes it: the outcomes in order. */
export async function outcomeSequence(
  start: () => Promise<{ url: string; close(): Promise<void> }>,
  path: string,
  authorization: string,
  n: number,
): Promise<string[]> {
  const sim = await start();
  try {
    const results: string[] = [];
    for (let i = 0; i < n; i++) results.push(await requestOutcome(`${sim.url}${path}`, authorization));
    return results;
  } finally {
    await sim.close();
  }
}
