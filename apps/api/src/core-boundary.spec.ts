import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule (docs/architecture.md): core/ is plumbing and knows no domain. A file under
 * core/ may import packages, other core/ files and config/, never modules/ — nor what gathers the
 * modules (entities.ts, migrations/, demo/, app.module.ts, bootstrap.ts). The app module hands the
 * database module its entities and migrations instead.
 */
const SRC = __dirname;
const CORE = join(SRC, 'core');
const ALLOWED = ['core', 'config'];

/** Every import, export … from, require and dynamic import of a file, as written. */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The imports of `file` (under src/) that reach outside the allowed folders, as src-relative paths. */
export function forbiddenImports(file: string, source: string): string[] {
  return importsOf(source)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(SRC, resolve(dirname(file), specifier)))
    .filter((target) => target.startsWith('..') || !ALLOWED.includes(target.split(/[\\/]/)[0]!));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('core/ never imports the domain', () => {
  it('finds the imports of a file, however written', () => {
    const source = [
      "import { A } from '../../modules/a/a.service';",
      "import type { B } from '../../entities';",
      "export { C } from '../../migrations';",
      "const d = require('../../demo/demo-seed');",
      "const e = await import('../../app.module');",
      "import { F } from './database';",
      "import { G } from '../../config/app-config';",
      "import { DataSource } from 'typeorm';",
    ].join('\n');
    const file = join(CORE, 'database', 'x.ts');
    expect(forbiddenImports(file, source)).toEqual([
      'modules/a/a.service',
      'entities',
      'migrations',
      'demo/demo-seed',
      'app.module',
    ]);
  });

  it('no file under core/ imports from modules/ (or entities, migrations, demo, the app module)', () => {
    const files = sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(30);
    const violations = files.flatMap((file) =>
      forbiddenImports(file, readFileSync(file, 'utf8')).map((target) => `${relative(SRC, file)} imports ${target}`),
    );
    expect(violations).toEqual([]);
  });
});
