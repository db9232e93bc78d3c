import { defineConfig } from 'vitest/config';

// The site snippet (src/snippet), built after the dashboard as one classic script the collector serves at
// /collect/v1/cs.js: an IIFE with no imports, so a site adds it with a plain <script> tag.
export default defineConfig({
  build: {
    outDir: '../src/CreatorStream.Host/wwwroot/collect',
    emptyOutDir: true,
    lib: {
      entry: 'src/snippet/cs.ts',
      formats: ['iife'],
      name: 'creatorstreamSnippet',
      fileName: () => 'cs.js',
    },
  },
});
