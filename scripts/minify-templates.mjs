// A rollup plugin that shrinks the static text of Lit `css` and `html` templates in our own
// modules: terser leaves template literals alone. Only changes that render identically are made:
// CSS comments go and its white space collapses; in HTML, a run of white space containing a line
// break becomes a single space (which is how the browser renders it anyway), and goes altogether
// before a `>` that Prettier put on a line of its own (the end of a tag: white space there is not
// content).

const TAGS = /\b(css|html|svg)`/g;

/** Returns the index just past the closing backtick of a template starting at `i` (after its `). */
function skipTemplate(code, i) {
  while (i < code.length) {
    const ch = code[i];
    if (ch === '\\') i += 2;
    else if (ch === '`') return i + 1;
    else if (ch === '$' && code[i + 1] === '{') i = skipExpression(code, i + 2);
    else i += 1;
  }
  throw new Error('unterminated template literal');
}

/** Returns the index just past the `}` that closes an expression starting at `i`. */
function skipExpression(code, i) {
  let depth = 1;
  while (i < code.length) {
    const ch = code[i];
    if (ch === '"' || ch === "'") {
      i = skipString(code, i);
    } else if (ch === '`') {
      i = skipTemplate(code, i + 1);
    } else if (ch === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
    } else if (ch === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i) + 2;
    } else {
      if (ch === '{') depth += 1;
      if (ch === '}') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
  }
  throw new Error('unterminated template expression');
}

function skipString(code, i) {
  const quote = code[i];
  i += 1;
  while (code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
  return i + 1;
}

const minifyCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');

const minifyHtml = (text) => text.replace(/\s*\n\s*>/g, '>').replace(/\s*\n\s*/g, ' ');

/** Rewrites every css/html/svg template in `code`, static parts only. */
export function minifyTemplates(code) {
  let out = '';
  let last = 0;
  TAGS.lastIndex = 0;
  for (let match; (match = TAGS.exec(code));) {
    const tag = match[1];
    const bodyStart = match.index + match[0].length;
    // Walk the template, rewriting static text and copying expressions untouched.
    let i = bodyStart;
    let rebuilt = '';
    let text = '';
    const flush = () => {
      rebuilt += tag === 'css' ? minifyCss(text) : minifyHtml(text);
      text = '';
    };
    for (;;) {
      const ch = code[i];
      if (ch === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (ch === '`') {
        flush();
        i += 1;
        break;
      } else if (ch === '$' && code[i + 1] === '{') {
        flush();
        const end = skipExpression(code, i + 2);
        // Expressions may hold templates of their own: minify them too.
        rebuilt += '${' + minifyTemplates(code.slice(i + 2, end - 1)) + '}';
        i = end;
      } else {
        text += ch;
        i += 1;
      }
    }
    out += code.slice(last, bodyStart) + rebuilt + '`';
    last = i;
    TAGS.lastIndex = i;
  }
  return out + code.slice(last);
}

export default function minifyTemplatesPlugin() {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      return { code: minifyTemplates(code), map: null };
    },
  };
}
