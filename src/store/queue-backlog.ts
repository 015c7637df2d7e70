/** Due work no worker holds: how much, and since when the oldest of it could have run. */
export interface QueueBacklog {
  /** Due, unleased work items, counted up to the `countUpTo` asked for. */
  depth: number;
  /** When the longest-waiting of them became claimable (its due time, or its lapsed lease's end); undefined when none waits. */
  oldestDueAt: Date | undefined;
}
