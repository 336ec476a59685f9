// Planning routes: map — the contract (contract.ts) with thin handlers over MapService.
import type { MultipartFile } from '@fastify/multipart';
import { routesOf } from '../../core/http/routes.js';
import { AppError } from '../../core/http/errors.js';
import { LAYER_MAX_BYTES, mapApi } from './contract.js';
import type { MapService } from './service.js';

/**
 * The uploaded file's bytes, at most `limit` of them (413 beyond). The multipart reader is not held to a route's
 * bodyLimit, so the limit is kept here; the rest of a too-large file is read and dropped so the request ends cleanly.
 */
async function readUpTo(file: MultipartFile, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.file) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit || file.file.truncated)
    throw new AppError(413, 'body_too_large', `${file.filename}：文件超过 ${limit / 1024 / 1024} MB / ${file.filename}: the file is larger than ${limit / 1024 / 1024} MB`);
  return Buffer.concat(chunks);
}

export const mapRoutes = routesOf(mapApi, (s: { map: MapService }) => ({
  report: async ({ actor, query }) => s.map.report(actor, query),
  layers: async ({ actor }) => s.map.layers(actor),
  putLayer: async ({ actor, params, file }) => ({ layer: await s.map.putLayer(actor, params.kind, file!.filename, await readUpTo(file!, LAYER_MAX_BYTES)) }),
  deleteLayer: async ({ actor, params }) => {
    await s.map.deleteLayer(actor, params.kind);
    return { ok: true as const };
  },
}));
