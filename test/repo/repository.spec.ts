import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands on its own: no file points at a document outside it (the old design page
 * and the stack notes beside the checkout, or the folder of shared notes next to it), and the docs' relative links lead to files that exist.
 */
const ROOT = resolve(__dirname, '../..');

/** Tracked files plus new ones not ignored (a fresh clone has the same list). */
function repositoryFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (git.status !== 0) throw new Error(`git ls-files failed: ${git.stderr}`);
  return git.stdout.split('\0').filter((file) => file && existsSync(join(ROOT, file)));
}

function text(file: string): string | undefined {
  const bytes = readFileSync(join(ROOT, file));
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

// Written in pieces so this file does not match itself.
const OUTSIDE = new RegExp(['DESIGN' + '\\.md', 'STACK' + '\\.md', '\\.\\./' + 'shared\\b'].join('|'));

describe('the repository refers to nothing outside it', () => {
  const files = repositoryFiles();

  it('lists the repository files', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('vendor/oruk/README.md');
  });

  it('no file refers to the design or stack notes, or the shared folder, beside the repository', () => {
    const offenders = files
      .filter((file) => OUTSIDE.test(text(file) ?? ''))
      .map((file) => {
        const line = text(file)!
          .split('\n')
          .findIndex((l) => OUTSIDE.test(l));
        return `${file}:${line + 1}`;
      });
    expect(offenders).toEqual([]);
  });

  it('the README and docs/ link only to files that exist in the repository', () => {
    const docs = files.filter((file) => file === 'README.md' || (file.startsWith('docs/') && file.endsWith('.md')));
    expect(docs.length).toBeGreaterThan(5);
    const broken: string[] = [];
    for (const doc of docs) {
      for (const [, target] of text(doc)!.matchAll(/\]\(([^)\s#]+)(?:#[^)\s]*)?\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // https:, mailto: …
        const path = resolve(ROOT, dirname(doc), target!);
        if (!path.startsWith(ROOT + '/') || !existsSync(path)) broken.push(`${doc} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
