// Fails when a dialect's migrations have a gap, a duplicate or a bad name, or
// when the two dialects do not have the same numbered migrations.
import { listMigrations, migrationsFolder } from '../src/store/migrator.ts';

const sqlite = listMigrations(migrationsFolder('sqlite')).map((migration) => migration.name);
const postgres = listMigrations(migrationsFolder('postgres')).map((migration) => migration.name);
if (sqlite.join() !== postgres.join()) {
  console.error(`the dialects' migrations differ:\n  sqlite:   ${sqlite.join(', ')}\n  postgres: ${postgres.join(', ')}`);
  process.exit(1);
}
console.log(`migrations ok: ${sqlite.length} per dialect (${sqlite.join(', ')})`);
