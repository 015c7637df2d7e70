import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './database-schema.ts';

const MARKER = '\u0000tollgate-param:';

type Slot = { kind: 'param'; name: string } | { kind: 'constant'; value: unknown };

interface Template {
  compiled: CompiledQuery;
  slots: Slot[];
}

/** A statement Kysely built and compiled once, run again with new values. */
export interface PreparedQuery<Params extends string, Row> {
  execute(db: Kysely<Database>, values: Record<Params, unknown>): Promise<QueryResult<Row>>;
}

/**
 * A statement of fixed shape that Kysely builds and compiles once per dialect,
 * then runs with new values: the hot statements of the queue and the journal
 * skip query building, which for a short statement costs more than SQLite
 * takes to run it (and makes garbage on every call). `param(name)` stands
 * for a value given at each run (typed `never`, so it fits any column);
 * anything else in the statement is fixed.
 *
 * @example
 * const deleteItem = preparedQuery<'id' | 'owner', never>((db, param) =>
 *   db.deleteFrom('work_items').where('id', '=', param('id')).where('lease_owner', '=', param('owner')));
 * await deleteItem.execute(trx, { id, owner });
 */
export function preparedQuery<Params extends string, Row>(build: (db: Kysely<Database>, param: (name: Params) => never) => Compilable<Row>): PreparedQuery<Params, Row> {
  // One template per dialect (placeholders differ: ? or $1); transactions of one database share their adapter.
  const templates = new WeakMap<object, Template>();
  return {
    async execute(db, values) {
      const adapter = db.getExecutor().adapter;
      let template = templates.get(adapter);
      if (template === undefined) {
        template = compileTemplate(build(db, (name) => `${MARKER}${name}` as never).compile());
        templates.set(adapter, template);
      }
      const parameters = template.slots.map((slot) => {
        if (slot.kind === 'constant') return slot.value;
        if (!(slot.name in values)) throw new Error(`prepared statement needs a value for "${slot.name}"`);
        return values[slot.name as Params];
      });
      return await db.executeQuery<Row>({ ...template.compiled, parameters });
    },
  };
}

function compileTemplate(compiled: CompiledQuery): Template {
  const slots = compiled.parameters.map((value): Slot => (typeof value === 'string' && value.startsWith(MARKER) ? { kind: 'param', name: value.slice(MARKER.length) } : { kind: 'constant', value }));
  return { compiled, slots };
}
