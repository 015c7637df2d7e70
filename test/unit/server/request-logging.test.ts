import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { Logger } from '../../../src/core/logger.ts';
import { installRequestLogging } from '../../../src/server/request-logging.ts';

/** A logger that keeps its debug lines, at debug level or above it. */
function recordingLogger(debugging: boolean): Logger & { lines: object[] } {
  const lines: object[] = [];
  const ignore = () => undefined;
  return { lines, debug: (details) => void lines.push(details), info: ignore, warn: ignore, error: ignore, isLevelEnabled: () => debugging };
}

async function answer(logger: Logger): Promise<{ requestId: unknown }> {
  const server = Fastify({ logger: false });
  installRequestLogging(server, logger);
  server.get('/ping', () => ({ ok: true }));
  const response = await server.inject({ method: 'GET', url: '/ping?token=sk_test_secret' });
  await server.close();
  return { requestId: response.headers['x-request-id'] };
}

void describe('request logging', () => {
  void it('writes one debug line per answered request, its secrets redacted, at debug level', async () => {
    const logger = recordingLogger(true);
    const { requestId } = await answer(logger);
    assert.equal(logger.lines.length, 1);
    const [line] = logger.lines as { request_id: unknown; route: string; url: string; status: number }[];
    assert.equal(line?.request_id, requestId);
    assert.equal(line?.route, '/ping');
    assert.equal(line?.status, 200);
    assert.doesNotMatch(line?.url ?? '', /sk_test_secret/);
  });

  void it('builds no line above debug level, and still echoes the request id', async () => {
    const logger = recordingLogger(false);
    const { requestId } = await answer(logger);
    assert.equal(logger.lines.length, 0);
    assert.ok(typeof requestId === 'string' && requestId !== '');
  });
});
