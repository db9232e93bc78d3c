import { defineConfig, type Plugin } from 'vitest/config';

// The config runs in Node, but the project type-checks without @types/node (one less pin);
// this is the only Node global it reads.
declare const process: { env: Record<string, string | undefined> };

// Where the Host serves static files from; the web role serves this folder at `/`.
// The folder is git-ignored (see the root .gitignore): it is a build output only.
const outDir = '../src/CreatorStream.Host/wwwroot';

// Backend to proxy to in `npm run dev` (the page expects /api and /hubs on its own origin).
const backend = process.env.CREATORSTREAM_BACKEND ?? 'http://localhost:5000';

// A Content-Security-Policy for the built page only: the dev server injects CSS as <style>
// elements, which `style-src 'self'` would block. The Host may send a stricter header as well.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'creatorstream-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy()],
  build: {
    outDir,
    emptyOutDir: true,
    // Inlined assets would be data: URLs; keep everything a same-origin file for the CSP.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/hubs': { target: backend, changeOrigin: true, ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
