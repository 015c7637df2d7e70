/**
 * `answer`, or the error `late()` makes when it has not settled within `ms`;
 * what it settles to after that is ignored (`late` may act on it, say close
 * the connection it waits on).
 */
export function settledWithin<T>(answer: Promise<T>, ms: number, late: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(late()), ms);
    answer.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
