import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, for routes that verify a signature over it. */
    rawBody?: string;
  }
}

/** Media types under which apply and validate take the text of a definition file. */
export const DEFINITION_TEXT_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'text/plain'] as const;

/**
 * Body parsing: YAML media types arrive as text (fastify already reads
 * text/plain as text), and a JSON content-type with an empty body counts as
 * no body, so `POST /runs/:id/cancel` works from clients that always send
 * `content-type: application/json`. Malformed JSON still fails, as
 * `request_invalid` (see error-handler.ts).
 */
export function installBodyParsers(server: FastifyInstance): void {
  server.addContentTypeParser(['application/yaml', 'text/yaml', 'application/x-yaml'], { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
