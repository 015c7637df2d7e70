/** A query's plan as the database would run it, for the tests that hold a listing to its index. */
import { CompiledQuery } from 'kysely';
import { inspectTransaction, type Inspectable } from '../../src/store/inspect.ts';
import type { TestDialect } from './test-database.ts';

/**
 * The plan of `query` as text. PostgreSQL's choice depends on table statistics
 * (on a few rows a sequential scan and a sort are cheapest), so there the plan
 * is asked with those switched off: an index that cannot give the order still
 * shows a Sort. SQLite's plan shows `USE TEMP B-TREE` where it sorts.
 */
export async function queryPlan(store: Inspectable, dialect: TestDialect, query: CompiledQuery, options: { sorts?: boolean } = {}): Promise<string> {
  return inspectTransaction(store, async (trx) => {
    if (dialect === 'postgres') {
      // `sorts: true` for a query whose index does not give the order: a handful of rows, sorted.
      const off = ['enable_seqscan', 'enable_bitmapscan', ...(options.sorts === true ? [] : ['enable_sort'])];
      for (const setting of off) await trx.executeQuery(CompiledQuery.raw(`SET LOCAL ${setting} = off`));
      const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    }
    const result = await trx.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    return result.rows.map((row) => row.detail).join('\n');
  });
}
