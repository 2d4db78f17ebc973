// Builds the one-file script-tag bundles: dist/values-survey.js (the respondent's survey) and
// dist/values-survey-results.js (the survey owner's report), each self-contained.
// The unbundled ES modules and .d.ts come from `tsc -p tsconfig.build.json`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyTemplates from './scripts/minify-templates.mjs';

/**
 * A second copy of the script on a page must warn and do nothing at all: evaluating Lit again
 * would try to create the "lit-html" Trusted Types policy twice, which a strict CSP refuses with
 * an exception. So the whole bundle runs only if the tag is not yet registered.
 */
function runOnce(tag) {
  return {
    name: 'run-once',
    renderChunk(code) {
      const warning = `<${tag}> is already registered, probably because the ${tag} script is included twice on this page. The first copy is used.`;
      // The warning goes last, within gzip's 32 kB window of define.ts's same words.
      return {
        code: `if(!customElements.get(${JSON.stringify(tag)})){${code}}else console.warn(${JSON.stringify(warning)})`,
        map: null,
      };
    },
  };
}

/**
 * The editor's diagnostics (src/definition/diagnose.ts) stay out of the survey's bundle: its
 * `import('./diagnose.js')` becomes an import of `values-survey-diagnostics.js` beside the bundle,
 * resolved at run time against the bundle's own address. Respondents never load it; an editor
 * whose definition is wrong does (without it, the error box still names each path).
 */
const DIAGNOSTICS_FILE = 'values-survey-diagnostics.js';
function diagnosticsBeside() {
  return {
    name: 'diagnostics-beside',
    resolveDynamicImport(specifier, importer) {
      if (specifier === './diagnose.js' && importer.endsWith('/src/definition/errors.ts')) {
        return { id: `./${DIAGNOSTICS_FILE}`, external: 'relative' };
      }
      return null;
    },
  };
}

/** The minifier's settings, shared by every file. */
const minify = () =>
  terser({
    ecma: 2022,
    module: true,
    compress: {
      passes: 3,
      unsafe_arrows: true,
      // Measured one by one (docs/performance.md); only those that save bytes and are safe for
      // this code. No getter here has side effects (no layout-forcing reads as statements);
      // `unsafe` turns `String(x)` into `"" + x` and the like, and no symbol is ever stringified.
      pure_getters: true,
      unsafe: true,
      // Comma sequences compress worse under gzip than separate statements here.
      sequences: false,
    },
    format: { comments: false },
  });

/** What every file needs before it is minified. */
const compile = () => [
  // The 'production' condition selects Lit's build without development-mode warnings.
  nodeResolve({ exportConditions: ['production'], browser: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
];

/**
 * One self-contained, minified ES module file from `input`, which runs once per page. `plugins`
 * come first (the survey's bundle leaves its diagnostics to their own file).
 */
const bundle = (input, file, tag, plugins = []) => ({
  input,
  output: {
    file,
    format: 'es',
    // One file: a CMS page includes it with a single script tag.
    inlineDynamicImports: true,
    sourcemap: false,
  },
  plugins: [
    ...plugins,
    ...compile(),
    minifyTemplates(),
    minify(),
    // After terser: at top level, not inside the wrapper's block, terser minifies further.
    runOnce(tag),
  ],
});

// The order of the modules inside dist/values-survey.js is set by the imports at the top of its
// entry, src/bundle.ts (gzip's window is 32 kB, so like code sits together); no other module's
// import order matters.
export default [
  bundle('src/bundle.ts', 'dist/values-survey.js', 'values-survey', [diagnosticsBeside()]),
  // Self-contained too: it shares no code with the bundle, which hands it the failure as data.
  {
    input: 'src/definition/diagnose.ts',
    output: { file: `dist/${DIAGNOSTICS_FILE}`, format: 'es', sourcemap: false },
    plugins: [...compile(), minify()],
  },
  // The owner's report: its own file, so that nothing of it reaches respondents.
  bundle('src/results-bundle.ts', 'dist/values-survey-results.js', 'values-survey-results'),
];
