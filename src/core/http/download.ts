import type { FastifyReply } from 'fastify';
/** Send an .xlsx with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
export function sendXlsx(reply: FastifyReply, buf: Buffer, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(buf);
}

/** Send a PDF to open in the browser, with a UTF-8 file name (characters not allowed in file names replaced). */
export function sendPdf(reply: FastifyReply, buf: Buffer, name: string) {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in a file name
  const fileName = name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_');
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  reply.header('cache-control', 'no-store');
  return reply.send(buf);
}
