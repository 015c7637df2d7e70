// Fails when a dialect's migrations have a gap, a duplicate or a bad name, when
// one outside a transaction holds a statement not safe to repeat, or when the
// two dialects do not have the same numbered migrations.
import { readMigration } from '../src/store/migration-statements.ts';
import { listMigrations, migrationsFolder } from '../src/store/migrator.ts';

const names = (dialect: 'sqlite' | 'postgres') =>
  listMigrations(migrationsFolder(dialect)).map((migration) => {
    readMigration(migration.path);
    return migration.name;
  });
const sqlite = names('sqlite');
const postgres = names('postgres');
if (sqlite.join() !== postgres.join()) {
  console.error(`the dialects' migrations differ:\n  sqlite:   ${sqlite.join(', ')}\n  postgres: ${postgres.join(', ')}`);
  process.exit(1);
}
console.log(`migrations ok: ${sqlite.length} per dialect (${sqlite.join(', ')})`);
