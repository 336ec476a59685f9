import type { FastifyReply } from 'fastify';
/** Send an .xlsx with a UTF-8 file name (RFC 5987) and an ASCII fallback. */
export function sendXlsx(reply: FastifyReply, buf: Buffer, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(buf);
}
