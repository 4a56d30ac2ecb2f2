import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` holding package.json: works from src/, dist/ and any build folder. */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json at or above ${start}`);
    dir = parent;
  }
}
