import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * A gzip file written through a hashing pass: `write` gets a Writable to
 * stream text into, and the result carries size and sha256 of the file bytes.
 */
export async function writeGzip(
  path: string,
  write: (out: Writable) => Promise<number | undefined>,
): Promise<{ bytes: number; sha256: string; lines?: number }> {
  const gzip = createGzip({ level: 6 });
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(gzip, tap, createWriteStream(path));
  let lines: number | undefined;
  try {
    lines = await write(gzip);
    gzip.end();
  } catch (e) {
    gzip.destroy(e as Error);
    await written.catch(() => {});
    throw e;
  }
  await written;
  return { bytes, sha256: hash.digest('hex'), lines };
}
