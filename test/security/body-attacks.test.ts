/**
 * Oversized and deeply nested bodies on every POST route the server
 * registers (API and webhooks): refused with our error shape before any
 * credentials are looked at, and the server keeps answering.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, userWithKey } from '../server/identity-fixtures.ts';
import { concreteUrl, startSecurityApi, type CapturedRoute, type SecurityApi } from './security-harness.ts';

/** Takes JSON only (its own plugin scope): other media types are 415. */
const JSON_ONLY = new Set(['/webhooks/workflows/:workflowId']);

const brackets = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);
const attacks = {
  jsonBrackets: `{"documents": ${brackets(5000)}}`,
  yamlBrackets: `kind: Workflow\nid: x\nextra: ${brackets(5000)}\n`,
  yamlEntries: `kind: Workflow\nsteps:\n  ${'- '.repeat(100_000)}x\n`,
  yamlIndent: Array.from({ length: 1500 }, (_, level) => `${' '.repeat(level)}k:`).join('\n'),
};

void describe('bodies past the limits on every POST route', () => {
  let api: SecurityApi;
  let posts: CapturedRoute[];
  const send = (route: CapturedRoute, contentType: string, payload: string, headers: Record<string, string> = {}) =>
    api.call({ method: 'POST', url: concreteUrl(route.url), headers: { 'content-type': contentType, ...headers }, payload });

  before(async () => {
    api = await startSecurityApi();
    posts = api.routes.filter((route) => route.method === 'POST');
  });
  after(() => api.close());

  void it('a body over 5 MiB: 413 body_too_large saying the limit, on each of them', async () => {
    assert.ok(posts.length > 20, `${posts.length} POST routes`);
    const huge = JSON.stringify({ blob: 'x'.repeat(5 * 1024 * 1024 + 1) });
    const wrong: string[] = [];
    for (const route of posts) {
      const answer = await send(route, 'application/json', huge);
      if (answer.status !== 413 || answer.body.error.code !== 'body_too_large' || !/\(5242880 bytes\)/.test(answer.body.error.message)) wrong.push(`${route.url}: ${answer.status} ${answer.text.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
  });

  void it('JSON or YAML nested past 64 levels, by brackets, indentation or `- - -` entries: 400 body_too_deep', async () => {
    const wrong: string[] = [];
    for (const route of posts) {
      const cases: [string, string][] = [['application/json', attacks.jsonBrackets]];
      if (!JSON_ONLY.has(route.url)) cases.push(['application/yaml', attacks.yamlBrackets], ['application/yaml', attacks.yamlEntries], ['text/plain', attacks.yamlIndent]);
      for (const [contentType, payload] of cases) {
        const answer = await send(route, contentType, payload);
        if (answer.status !== 400 || answer.body.error.code !== 'body_too_deep' || answer.body.error.path !== 'body') wrong.push(`${route.url} (${contentType}, ${payload.slice(0, 30)}…): ${answer.status} ${answer.text.slice(0, 120)}`);
      }
      if (JSON_ONLY.has(route.url)) {
        const yaml = await send(route, 'application/yaml', attacks.yamlEntries);
        if (yaml.status !== 415) wrong.push(`${route.url} took YAML: ${yaml.status}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  void it('YAML nested just under the limit is parsed, again and again, and the server still answers', async () => {
    // Before yaml-block-depth.ts, two such bodies 100,000 levels deep overflowed the YAML parser's stack and then killed the process.
    const { key } = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const nearLimit = `${Array.from({ length: 60 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} 1\n`;
    for (let round = 0; round < 3; round++) {
      const refused = await api.call({ method: 'POST', url: '/api/v1/validate', headers: { ...bearer(key), 'content-type': 'application/yaml' }, payload: attacks.yamlEntries });
      assert.equal(refused.body.error.code, 'body_too_deep');
      const parsed = await api.call({ method: 'POST', url: '/api/v1/validate', headers: { ...bearer(key), 'content-type': 'application/yaml' }, payload: nearLimit });
      assert.equal(parsed.status, 400, parsed.text);
      assert.equal(parsed.body.error.code, 'definition_invalid', 'parsed, then found not to be a definition');
    }
    assert.equal((await api.call({ method: 'GET', url: '/healthz' })).status, 200);
  });
});
