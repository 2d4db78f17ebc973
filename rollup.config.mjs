// Builds the one-file script-tag bundle: dist/values-survey.js.
// The unbundled ES modules and .d.ts come from `tsc -p tsconfig.build.json`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';

export default {
  input: 'src/define.ts',
  output: {
    file: 'dist/values-survey.js',
    format: 'es',
    // One file, always: a CMS page includes it with a single script tag.
    inlineDynamicImports: true,
    sourcemap: false,
  },
  plugins: [
    // The 'production' condition selects Lit's build without development-mode warnings.
    nodeResolve({ exportConditions: ['production'], browser: true }),
    esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
    terser({
      ecma: 2021,
      module: true,
      compress: { passes: 2, unsafe_arrows: true },
      format: { comments: false },
    }),
  ],
};
