import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return; // drain the rest unread, so the refusal can still be sent
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Sends one file with its type, revalidated on every load (ETag, `no-cache`): the page files'
 * names carry no content hash, so a long cache would keep old scripts after an upgrade.
 * Answers false, sending nothing, when there is no such file.
 */
export async function sendStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
): Promise<boolean> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const all: Record<string, string> = {
    'cache-control': 'no-cache',
    etag,
    'last-modified': stat.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...headers,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, all);
    res.end();
    return true;
  }
  const body = req.method === 'HEAD' ? undefined : await fs.readFile(file);
  res.writeHead(200, { ...all, 'content-length': String(stat.size) });
  res.end(body);
  return true;
}
