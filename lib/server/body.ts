import 'server-only';
import { AppError } from './errors';

/**
 * Reads a request body of at most `limit` bytes: a declared Content-Length above it is refused
 * before a byte is read, and the stream is counted as it comes, so a chunked body cannot fill
 * memory either (413). A client that drops the connection mid-body gets a plain 400, not a 500
 * with a stack trace in the log. No body at all is null.
 */
export async function readLimitedBody(req: Request, limit: number): Promise<Buffer | null> {
  const declared = req.headers.get('content-length');
  if (declared !== null && (!/^[0-9]{1,15}$/.test(declared.trim()) || Number(declared) > limit)) {
    throw new AppError(413, 'payload_too_large', `The body exceeds ${limit} bytes.`);
  }
  if (req.body === null) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw new AppError(400, 'bad_request', 'The request body was not received in full.');
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError(413, 'payload_too_large', `The body exceeds ${limit} bytes.`);
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks);
}
