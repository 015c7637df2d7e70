/**
 * Resolves after the event loop has had a turn: I/O that arrived meanwhile is
 * served first. Long reads done in slices await it between slices, since on
 * SQLite a query holds the main thread while it runs.
 */
export function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
