/**
 * The `policies` table: global `kind: Policy` documents. Every workflow's
 * money steps follow them, under the workflow's own `policy` block
 * (definition/policy-schema.ts, `effectivePolicy`).
 */
import type { PolicyBody } from '../definition/policy-schema.ts';
import type { DialectDatabase } from './dialect.ts';

export interface PolicyRecord {
  id: string;
  title: string | null;
  description: string | null;
  body: PolicyBody;
  updatedAt: Date;
}

export class PolicyStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /** Creates or replaces the policy `id`. */
  async upsert(input: { id: string; title: string | null; description: string | null; body: PolicyBody; now: Date }): Promise<void> {
    const values = { title: input.title, description: input.description, body: JSON.stringify(input.body), updated_at: input.now.getTime() };
    await this.#database.db
      .insertInto('policies')
      .values({ id: input.id, ...values })
      .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
      .execute();
  }

  /** Every policy, by id: the order `effectivePolicy` layers them in. */
  async list(): Promise<PolicyRecord[]> {
    const rows = await this.#database.db.selectFrom('policies').selectAll().orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, title: row.title, description: row.description, body: JSON.parse(row.body) as PolicyBody, updatedAt: new Date(Number(row.updated_at)) }));
  }

  /** Says whether there was a policy to delete. */
  async delete(id: string): Promise<boolean> {
    const result = await this.#database.db.deleteFrom('policies').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
