/**
 * Finds the error codes written in src/: the first argument of `new …Error('code', …)`
 * and `code: 'code'` in object literals. A code built with `${…}` comes out with
 * the placeholder named for what it holds: `http_${response.status}` is `http_<status>`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files whose codes are not Tollgate's: the Stripe sandbox answers with Stripe's codes; the reference quotes a Stripe code in an example; zod's issue codes. */
const NOT_OURS = [/^src\/sandbox\//, /^src\/reference\/variable-docs\.ts$/, /^src\/definition\/zod-issue-message\.ts$/];

const CODE = String.raw`[a-z][a-z0-9_]*(?:\$\{[^}]+\}[a-z0-9_]*)*`;
const PATTERNS = [
  new RegExp(String.raw`new [A-Z]\w*Error\(\s*(['"\x60])(${CODE})\1`, 'g'),
  new RegExp(String.raw`\bcode: (['"\x60])(${CODE})\1`, 'g'),
];

export interface FoundCode {
  code: string;
  /** `src/…/file.ts:line` of the first place it is written. */
  where: string;
}

export function scanErrorCodes(root: string): FoundCode[] {
  const found = new Map<string, string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const path = relative(root, file).split('\\').join('/');
    if (NOT_OURS.some((pattern) => pattern.test(path))) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const code = normalize(match[2] ?? '');
        const line = text.slice(0, match.index).split('\n').length;
        if (!found.has(code)) found.set(code, `${path}:${line}`);
      }
    }
  }
  return [...found].map(([code, where]) => ({ code, where })).sort((a, b) => a.code.localeCompare(b.code));
}

function normalize(code: string): string {
  return code.replace(/\$\{([^}]+)\}/g, (_whole, expression: string) => `<${expression.split('.').at(-1)?.replace(/\W/g, '') ?? 'value'}>`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}
