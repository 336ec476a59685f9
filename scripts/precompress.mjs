// Precompression of the built web app: NAME.br (brotli, quality 11) and NAME.gz (gzip, level 9) beside
// every text asset, kept only when smaller. @fastify/static (preCompressed) sends them to browsers that
// accept them, so nothing is compressed per request. Called by web/vite.config.ts after each build.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|webmanifest|map|wasm|ttf|otf|ico)$/;

/** Compresses every compressible file under `dir`; returns the count and the total sizes (bytes). */
export async function precompress(dir) {
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
  const sum = { files: files.length, bytes: 0, br: 0, gz: 0 };
  await Promise.all(
    files.map(async (file) => {
      const raw = fs.readFileSync(file);
      const [b, g] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
        gzip(raw, { level: 9 }),
      ]);
      sum.bytes += raw.length;
      sum.br += Math.min(b.length, raw.length);
      sum.gz += Math.min(g.length, raw.length);
      if (b.length < raw.length) fs.writeFileSync(`${file}.br`, b);
      if (g.length < raw.length) fs.writeFileSync(`${file}.gz`, g);
    }),
  );
  return sum;
}
