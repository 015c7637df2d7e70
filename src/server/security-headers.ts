/**
 * Security headers on every answer (helmet): a Content-Security-Policy
 * the built web app runs under (its scripts and styles from our origin; inline
 * styles, which React Flow and CodeMirror set, allowed), no framing, no MIME
 * sniffing, no referrer; Strict-Transport-Security only over https.
 */
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import { isHttps, type ServerSecurity } from './server-security.ts';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** Half a year: what browsers remember that this host speaks only https. */
const HSTS_MAX_AGE_S = 180 * 24 * 60 * 60;

/** Installs the headers on `server`: call once, before the routes are registered. */
export function installSecurityHeaders(server: FastifyInstance, security: Pick<ServerSecurity, 'httpsPublicUrl'>): void {
  const headers = helmetHeaders();
  server.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (isHttps(request, security)) reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_S}`);
    done();
  });
}

/**
 * Helmet's headers, worked out once: none of them depends on the request, and
 * running its middleware for every request costs more than the webhook's
 * signature check.
 */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: () => undefined,
  };
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Sent by the hook, and only over https: over plain http a browser ignores it, and a set-up without TLS must stay reachable.
    strictTransportSecurity: false,
  });
  // Helmet sets every header before it calls next, and reads nothing of the request.
  middleware({} as never, recorder as never, () => undefined);
  return headers;
}
