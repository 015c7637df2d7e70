import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkBodyDepth } from './body-depth.ts';
import { checkYamlBlockDepth } from './yaml-block-depth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, for routes that verify a signature over it. */
    rawBody?: string;
  }
  interface FastifyContextConfig {
    /** The route's JSON body is checked but left unparsed (api-route.ts `jsonAsText`). */
    jsonAsText?: boolean;
  }
}

/** Media types under which apply and validate take the text of a definition file. */
export const DEFINITION_TEXT_MEDIA_TYPES = ['application/yaml', 'text/yaml', 'text/plain'] as const;

/**
 * Body parsing: YAML media types arrive as text (fastify already reads
 * text/plain as text), and a JSON content-type with an empty body counts as
 * no body, so `POST /runs/:id/cancel` works from clients that always send
 * `content-type: application/json`. Malformed JSON still fails, as
 * `request_invalid` (see error-handler.ts). A body nested too deep is refused
 * before it is parsed (`body_too_deep`, see body-depth.ts and, for YAML's
 * indentation, yaml-block-depth.ts); one too large is
 * refused by fastify's `bodyLimit` (`body_too_large`).
 */
export function installBodyParsers(server: FastifyInstance): void {
  server.removeContentTypeParser('text/plain');
  server.addContentTypeParser(['application/yaml', 'text/yaml', 'application/x-yaml', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    try {
      checkBodyDepth(text);
      checkYamlBlockDepth(text);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    done(null, text);
  });
  server.removeContentTypeParser('application/json');
  installJsonParser(server, (request, text) => {
    request.rawBody = text;
  });
}

/**
 * Installs, in `server`'s scope, the JSON parser every route uses: `keepText`
 * sees the raw text (for signatures), an empty body is no body, and the depth
 * is checked before parsing.
 */
export function installJsonParser(server: FastifyInstance, keepText: (request: FastifyRequest, text: string) => void): void {
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    keepText(request, text);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      checkBodyDepth(text);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    if (request.routeOptions.config.jsonAsText === true) done(null, text);
    else void parseJson(request, text, done);
  });
}
