// `tollgate teams` and `tollgate services` against a real Tollgate: list, show, make and change teams (a member added
// and removed) and catalog services (from a YAML or JSON file), refusals with their code and field, --json parsed.
// On the dialect TOLLGATE_TEST_DIALECT names (`tollgate start` on that database).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const DEFINITIONS = `kind: Team
id: csm
title: Customer success
members: [{ email: casey@example.com }]
---
kind: Workflow
id: refund-request
trigger:
  type: form
  form:
    - { key: customerEmail, type: email, required: true }
steps:
  - { id: done, type: end, outcome: Done }
`;

const SERVICE = `kind: Service
id: billing
title: Billing operations
offerings:
  - { id: refund, title: Refund, workflow: refund-request }
`;

const files = tempDir();
let database: TestDatabase;
let tollgate: RunningTollgate;
let env: NodeJS.ProcessEnv;
const file = (name: string) => join(files.path, name);
const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });

before(async () => {
  database = await createTestDatabase();
  // Authentication off: the CLI acts as the admin without a key.
  env = cleanEnv({ TOLLGATE_AUTH: 'off', ...(database.databaseUrl === undefined ? {} : { DATABASE_URL: database.databaseUrl }) });
  writeFileSync(file('definitions.yaml'), DEFINITIONS);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', database.dataDir, '--no-examples', '-f', file('definitions.yaml')], { env });
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  await database.drop();
  files.remove();
});

interface TeamJson {
  team: { id: string; title: string; description: string | null; members: { email: string; name: string | null; user: string | null; disabled: boolean }[] };
}

void test('teams create, show, update, add-member and remove-member change the team the server holds', async () => {
  assert.match(tollgate.banner, database.dialect === 'postgres' ? /^ {2}database +postgres:/m : /^ {2}database +sqlite:/m, 'the server runs on the dialect under test');
  const created = await cli('teams', 'create', 'finance', '--title', 'Finance approvers', '--member', 'Ana Diaz <ana@example.com>', '--member', 'bo@example.com');
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout, 'team finance created with 2 members\n');

  const listed = await cli('teams', 'list');
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^ID +TITLE +MEMBERS +DESCRIPTION$/m);
  assert.match(listed.stdout, /^csm +Customer success +1 +-$/m);
  assert.match(listed.stdout, /^finance +Finance approvers +2 +-$/m);

  const shown = await cli('teams', 'show', 'finance');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^title +Finance approvers$/m);
  assert.match(shown.stdout, /^EMAIL +NAME +USER +STATUS$/m);
  // A member who was no user became one.
  assert.match(shown.stdout, /^ana@example\.com +Ana Diaz +usr_\w+ +active$/m);
  assert.match(shown.stdout, /^bo@example\.com +- +usr_\w+ +active$/m);

  const updated = await cli('teams', 'update', 'finance', '--title', 'Finance', '--description', 'Refunds over 500');
  assert.equal(updated.code, 0, updated.stderr);
  assert.equal(updated.stdout, 'team finance updated: Finance (Refunds over 500)\n');

  const added = await cli('teams', 'add-member', 'finance', 'cy@example.com', '--name', 'Cy');
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, 'cy@example.com added to team finance; it has 3 members\n');
  const again = await cli('teams', 'add-member', 'finance', 'cy@example.com');
  assert.equal(again.stdout, 'cy@example.com is a member of team finance already; it has 3 members\n');
  const removed = await cli('teams', 'remove-member', 'finance', 'bo@example.com', '--json');
  assert.equal(removed.code, 0, removed.stderr);
  const change = JSON.parse(removed.stdout) as TeamJson & { result: { kind: string; id: string; action: string } };
  assert.deepEqual(change.result, { kind: 'Team', id: 'finance', action: 'updated' });
  assert.deepEqual(change.team.members.map((member) => member.email).sort(), ['ana@example.com', 'cy@example.com']);

  const json = await cli('teams', 'show', 'finance', '--json');
  const { team } = JSON.parse(json.stdout) as TeamJson;
  assert.equal(team.title, 'Finance');
  assert.equal(team.description, 'Refunds over 500');
  assert.deepEqual(team.members.map((member) => [member.email, member.name]).sort(), [['ana@example.com', 'Ana Diaz'], ['cy@example.com', 'Cy']]);
  assert.ok(team.members.every((member) => member.user?.startsWith('usr_') === true && !member.disabled));

  const cleared = await cli('teams', 'update', 'finance', '--description', '', '--json');
  assert.equal((JSON.parse(cleared.stdout) as TeamJson).team.description, null);
});

void test('teams refuses a taken id with the 409 code and its field, a bad flag with a message, an unknown team or member by name', async () => {
  const taken = await cli('teams', 'create', 'csm', '--title', 'Another');
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /^error: a team "csm" exists already \(Customer success\).*\(team_exists\)\n {2}at body\.id\n$/);

  const badMember = await cli('teams', 'create', 'ops', '--title', 'Ops', '--member', 'not-an-email');
  assert.equal(badMember.code, 2);
  assert.match(badMember.stderr, /option '--member <member>' argument 'not-an-email' is invalid\. "not-an-email" is not an email address: give an email address/);
  const badEmail = await cli('teams', 'add-member', 'csm', 'casey-at-example');
  assert.equal(badEmail.code, 2);
  assert.match(badEmail.stderr, /"casey-at-example" is not an email address/);
  const nothing = await cli('teams', 'update', 'csm');
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /^error: give --title or --description \(or both\) to change/);
  const noTitle = await cli('teams', 'create', 'ops');
  assert.equal(noTitle.code, 2);
  assert.match(noTitle.stderr, /required option '--title <title>' not specified/);

  const unknown = await cli('teams', 'show', 'nobody');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error: no team "nobody"; known teams: csm/);
  const notMember = await cli('teams', 'remove-member', 'csm', 'zed@example.com');
  assert.equal(notMember.code, 1);
  assert.match(notMember.stderr, /zed@example\.com is not a member of the team csm; its members: casey@example\.com \(team_member_not_found\)/);
  const empty = await cli('teams', 'show', 'csm', '--json');
  assert.deepEqual((JSON.parse(empty.stdout) as TeamJson).team.members.map((member) => member.email), ['casey@example.com'], 'nothing refused changed the team');
});

interface ServiceJson {
  service: { id: string; title: string; description: string | null; offerings: { id: string; title: string; workflow: string; version: number | 'latest'; resolved_version: number | null; status: string; available: boolean }[] };
}

void test('services create from a YAML Service document, edit from a JSON change, list and show the offerings with workflow and version', async () => {
  writeFileSync(file('billing.yaml'), SERVICE);
  const created = await cli('services', 'create', '--file', file('billing.yaml'));
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /^service billing created$/m);
  assert.match(created.stdout, /^refund +Refund +refund-request +latest \(v1\) +published +yes$/m);

  writeFileSync(
    file('billing-change.json'),
    JSON.stringify({ description: 'Refunds and credits', offerings: [{ id: 'refund', title: 'Refund', workflow: 'refund-request', version: 1 }, { id: 'credit', title: 'Credit', workflow: 'refund-request', status: 'draft' }] }),
  );
  const edited = await cli('services', 'edit', 'billing', '--file', file('billing-change.json'));
  assert.equal(edited.code, 0, edited.stderr);
  assert.match(edited.stdout, /^service billing updated$/m);

  const listed = await cli('services', 'list');
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^ID +TITLE +OFFERINGS +DESCRIPTION$/m);
  assert.match(listed.stdout, /^billing +Billing operations +2 +Refunds and credits$/m);

  const shown = await cli('services', 'show', 'billing');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^OFFERING +TITLE +WORKFLOW +VERSION +STATUS +TAKES REQUESTS$/m);
  assert.match(shown.stdout, /^refund +Refund +refund-request +1 +published +yes$/m);
  assert.match(shown.stdout, /^credit +Credit +refund-request +latest +draft +no: offering "billing\/credit" is a draft/m);

  const json = await cli('services', 'show', 'billing', '--json');
  const { service } = JSON.parse(json.stdout) as ServiceJson;
  assert.equal(service.description, 'Refunds and credits');
  assert.deepEqual(
    service.offerings.map((offering) => [offering.id, offering.workflow, offering.version, offering.status]),
    [['refund', 'refund-request', 1, 'published'], ['credit', 'refund-request', 'latest', 'draft']],
  );

  const listedJson = await cli('services', 'list', '--json');
  assert.deepEqual((JSON.parse(listedJson.stdout) as { services: { id: string }[] }).services.map((item) => item.id), ['billing']);
});

void test('services refuses a taken id (409 with its place in the file), an offering apply refuses (its line), and a file that is no single service', async () => {
  writeFileSync(file('taken.yaml'), `title: Again\nid: taken-check\n`);
  assert.equal((await cli('services', 'create', '--file', file('taken.yaml'))).code, 0);
  const taken = await cli('services', 'create', '--file', file('taken.yaml'));
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /^error: a service "taken-check" exists already \(Again\).*\(service_exists\)\n {2}at .*taken\.yaml:2:1 id\n$/);

  writeFileSync(file('broken.yaml'), 'id: broken\ntitle: Broken\nofferings:\n  - id: one\n    workflow: no-such-workflow\n');
  const broken = await cli('services', 'create', '--file', file('broken.yaml'));
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /\(service_invalid\)\n/);
  assert.match(broken.stderr, /^ {2}.*broken\.yaml:5:5 offerings\[0\]\.workflow: no workflow "no-such-workflow"/m);

  const otherId = await cli('services', 'edit', 'taken-check', '--file', file('broken.yaml'));
  assert.equal(otherId.code, 1);
  assert.match(otherId.stderr, /names the service "broken", but the command edits "taken-check"; a service's id cannot change/);
  const several = await cli('services', 'create', '--file', file('definitions.yaml'));
  assert.equal(several.code, 1);
  assert.match(several.stderr, /definitions\.yaml holds 2 documents; give one object/);
  writeFileSync(file('team.yaml'), 'kind: Team\nid: x\n');
  const team = await cli('services', 'create', '--file', file('team.yaml'));
  assert.equal(team.code, 1);
  assert.match(team.stderr, /team\.yaml: kind is "Team"; give a Service/);
  const noFile = await cli('services', 'edit', 'taken-check');
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /required option '--file <file>' not specified/);
  const unknown = await cli('services', 'show', 'nothing-here');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error: no service "nothing-here"; known services: /);
  const kept = await cli('services', 'list', '--json');
  assert.ok(!(JSON.parse(kept.stdout) as { services: { id: string }[] }).services.some((item) => item.id === 'broken'), 'nothing refused was made');
});
