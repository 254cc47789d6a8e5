import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, LibkgError } from '../../errors.js';
import { negotiate } from '../kit/negotiate.js';
import { errorPage } from './html/error-page.js';
import { PAGE_CSP } from './html/escape.js';

/** Browsers (which put text/html first) get a page; every other client, and `*\/*`, gets problem+json. */
const wantsHtml = (req: FastifyRequest) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  negotiate(req.headers.accept, ['application/problem+json', 'application/json', 'text/html']) === 'text/html';

function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: LibkgError, home: string) {
  reply.status(problem.status);
  if (wantsHtml(req))
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_CSP)
      .send(errorPage({ status: problem.status, title: ERRORS[problem.code].title, detail: problem.message, home }));
  return reply.type('application/problem+json').send(JSON.stringify(problem.toProblem(req.url)));
}

/** Renders every error as RFC 9457 problem+json (or an HTML page for browsers); 5xx details never leak. `home` is the base IRI's path. */
export function installErrorHandler(app: FastifyInstance, home = '/'): void {
  app.setErrorHandler((err: FastifyError | LibkgError, req, reply) => {
    let problem: LibkgError;
    if (err instanceof LibkgError) problem = err;
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      problem = new LibkgError('PAYLOAD_TOO_LARGE', `the request body is larger than the limit of ${app.initialConfig.bodyLimit} bytes`);
    else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') problem = new LibkgError('UNSUPPORTED_FORMAT', err.message);
    else if (err.validation || (err.statusCode && err.statusCode < 500)) problem = new LibkgError('BAD_REQUEST', err.message);
    else {
      req.log.error({ err }, 'unexpected error');
      problem = new LibkgError('INTERNAL', 'an unexpected error occurred; see the server log');
    }
    if (problem.status >= 500 && problem.code !== 'INTERNAL') req.log.warn({ code: problem.code }, problem.message);
    return sendProblem(req, reply, problem, home);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new LibkgError('NOT_FOUND', `no resource at ${req.url}`), home));
}
