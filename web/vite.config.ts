// Vite config of the Junheng web app. Build: `npm run build` (or `npx vite build --config web/vite.config.ts`) → web/dist.
// The build precompresses every text asset (brotli and gzip files beside it, served by @fastify/static's
// preCompressed option) and writes web/dist/.build-stamp.json, by which `npm start` and `npm test`
// know whether the build is older than its sources (scripts/build-state.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
// Plain JS (with .d.mts types), shared with the bin, scripts/build.mjs and the tests.
import { ROOT, WEB_STAMP, webSources, writeStamp } from '../scripts/build-state.mjs';
import { precompress } from '../scripts/precompress.mjs';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Precompression and the build stamp (the list of src/ modules the bundle imports, for staleness). */
function productionAssets(): Plugin {
  let startedAt = 0;
  let inputs: string[] = [];
  let outDir = '';
  return {
    name: 'junheng-production-assets',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    buildStart() {
      startedAt = Date.now();
    },
    generateBundle() {
      inputs = [...this.getModuleIds()]
        .filter((id) => id.startsWith(ROOT + path.sep) && !id.includes(`${path.sep}node_modules${path.sep}`) && !id.startsWith(here('.')))
        .map((id) => path.relative(ROOT, id.split('?')[0]))
        .filter((id, i, all) => all.indexOf(id) === i)
        .sort();
    },
    async closeBundle() {
      const t = Date.now();
      const s = await precompress(outDir);
      const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
      this.info?.(`precompressed ${s.files} files in ${Date.now() - t} ms: ${kb(s.bytes)} → br ${kb(s.br)}, gzip ${kb(s.gz)}`);
      writeStamp(WEB_STAMP, startedAt, webSources({ inputs }).length, { inputs });
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), productionAssets()],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // antd on its own is ~1 MB minified; it is split into its own cached chunk below.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 20 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|@emotion|stylis|clsx|classnames|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|toggle-selection|copy-to-clipboard|string-convert|resize-observer-polyfill)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
