/**
 * Writes teamsAppManifest/color.png and outline.png from icon-drawing. The PNGs are committed;
 * run this only after changing the drawing: `node dist/tools/packaging/generate-icons.js [DIR]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './icon-drawing';
import { encodePng } from './png-files';
import { findRepoRoot } from './repo-root';

export function writeIcons(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  const files = [
    { file: path.join(directory, 'color.png'), image: drawColorIcon() },
    { file: path.join(directory, 'outline.png'), image: drawOutlineIcon() },
  ];
  for (const { file, image } of files) writeFileSync(file, encodePng(image));
  return files.map(({ file }) => file);
}

if (require.main === module) {
  const directory = process.argv[2] ?? path.join(findRepoRoot(__dirname), 'teamsAppManifest');
  for (const file of writeIcons(directory)) console.log(`wrote ${file}`);
}
