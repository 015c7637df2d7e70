/**
 * Counts the statements a store sends to its database (on PostgreSQL, its
 * round trips: BEGIN and COMMIT included). Pass one to `openStore` (or
 * `TollgateSystem.open`) to see what a piece of work costs: the tests bound
 * the statements of a recipe run with it. (The bench counts in a process it
 * did not build, at the driver: scripts/count-statements.js.)
 *
 * @example
 * const statements = new StatementCounter();
 * const store = await openStore({ sqliteFile, statementCounter: statements });
 * // ... work ...
 * console.log(statements.total, statements.breakdown().slice(0, 5));
 */
export class StatementCounter {
  #total = 0;
  readonly #bySql = new Map<string, number>();

  /** Called by the database below the store for every statement it sends. */
  record(sqlText: string): void {
    this.#total += 1;
    this.#bySql.set(sqlText, (this.#bySql.get(sqlText) ?? 0) + 1);
  }

  /** Statements since the counter was made or last reset. */
  get total(): number {
    return this.#total;
  }

  /** Each distinct statement text and how often it ran, most frequent first. */
  breakdown(): { sql: string; count: number }[] {
    return [...this.#bySql].map(([sql, count]) => ({ sql, count })).sort((a, b) => b.count - a.count);
  }

  reset(): void {
    this.#total = 0;
    this.#bySql.clear();
  }
}
