// Preloaded into the server under test (`node --import ./scripts/count-statements.js`)
// when BENCH_COUNT_STATEMENTS names its dialect: counts every statement its
// database driver executes (on PostgreSQL, every round trip: BEGIN and COMMIT
// included), with no change to Tollgate. The bench asks for the total over the
// fork's IPC channel ('statements'). Plain JavaScript, so the server needs no
// TypeScript loader for it (the bench measures the server's memory).
const dialect = process.env.BENCH_COUNT_STATEMENTS;
let statements = 0;

/** Wraps `owner[name]` so that each call counts one statement. */
function count(owner, name) {
  const original = owner[name];
  owner[name] = function counted(...args) {
    statements += 1;
    return original.apply(this, args);
  };
}

if (dialect === 'postgres') {
  const { default: pg } = await import('pg');
  count(pg.Client.prototype, 'query');
} else if (dialect === 'sqlite') {
  const { default: SQLite } = await import('better-sqlite3');
  const probe = new SQLite(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1'));
  probe.close();
  for (const name of ['run', 'get', 'all', 'iterate']) count(statementPrototype, name);
  count(SQLite.prototype, 'exec');
} else if (dialect !== undefined) {
  throw new Error(`BENCH_COUNT_STATEMENTS is "${dialect}": sqlite or postgres`);
}

process.on('message', (message) => {
  if (message === 'statements') process.send?.({ statements });
});
// The channel must not keep the server alive once it has stopped on SIGTERM.
process.channel?.unref();
