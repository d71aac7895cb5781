/** The error a promise rejects with; throws when it resolves instead (the test expected a failure). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the promise to fail');
  return outcome;
}
