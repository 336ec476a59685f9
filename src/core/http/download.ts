import type { FastifyReply } from 'fastify';

/**
 * A Content-Disposition header (RFC 6266): an ASCII fallback `filename="…"` (other characters and control
 * characters as `_`, `"` and `\` escaped) and the UTF-8 name as `filename*` (RFC 8187: only attr-chars unencoded).
 */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a header
  const clean = fileName.replace(/[\x00-\x1f\x7f]/g, '_');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, (c) => `\\${c}`);
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Send an .xlsx with a UTF-8 file name (RFC 6266 / 8187) and an ASCII fallback. */
export function sendXlsx(reply: FastifyReply, buf: Buffer, fileName: string) {
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', contentDisposition('attachment', fileName));
  return reply.send(buf);
}

/** Send a PDF to open in the browser, with a UTF-8 file name (characters not allowed in file names replaced). */
export function sendPdf(reply: FastifyReply, buf: Buffer, name: string) {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in a file name
  const fileName = name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_');
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', contentDisposition('inline', fileName));
  reply.header('cache-control', 'no-store');
  return reply.send(buf);
}
