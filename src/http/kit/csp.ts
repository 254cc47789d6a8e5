import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Hash sources of a page's inline scripts (JSON data blocks do not run and need none). */
function inlineScriptHashes(page: string): string[] {
  const hashes: string[] = [];
  for (const m of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] as string;
    if (/\bsrc\s*=/i.test(attrs) || /\btype\s*=\s*"application\/(?:ld\+)?json"/i.test(attrs)) continue;
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[2] as string)
        .digest('base64')}'`,
    );
  }
  return hashes;
}

/**
 * The Content-Security-Policy of a page that runs script (the query pages): its own files and exactly its own
 * inline scripts, requests to this server only, inline styles (the editors set them), no framing.
 */
export function scriptPageCsp(page: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(page).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of an HTML page that sets none of its own (pages added later, error pages): resources from this
 * server only, no inline script (a page that needs one sets scriptPageCsp), inline styles, no framing.
 */
export const DEFAULT_HTML_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** An onSend hook giving every HTML answer without a policy of its own the default one. */
export async function defaultHtmlCsp(_req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (/^text\/html\b/i.test(String(reply.getHeader('content-type') ?? '')) && !reply.hasHeader('content-security-policy'))
    reply.header('Content-Security-Policy', DEFAULT_HTML_CSP);
}
