import type { FastifyError, FastifyInstance } from 'fastify';
import { LibkgError } from '../errors.js';

/** Renders every error as RFC 9457 problem+json; 5xx details never leak. */
export function installErrorHandler(app: FastifyInstance): void {
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
    reply
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem.toProblem(req.url)));
  });
  app.setNotFoundHandler((req, reply) => {
    const p = new LibkgError('NOT_FOUND', `no resource at ${req.url}`);
    reply
      .status(404)
      .type('application/problem+json')
      .send(JSON.stringify(p.toProblem(req.url)));
  });
}
