/**
 * The dependency rules of .dependency-cruiser.cjs hold for src/, and they do catch what they
 * forbid (a fixture with every kind of violation), so this check cannot pass by matching nothing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ICruiseResult, IViolation } from 'dependency-cruiser';

const repoRoot = path.resolve(__dirname, '../../../..');
const config = require(path.join(repoRoot, '.dependency-cruiser.cjs')) as { forbidden: object[]; options: object };

// dependency-cruiser is ES modules only; a real dynamic import (tsc would turn `import()` into require).
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<typeof import('dependency-cruiser')>;

async function cruise(baseDir: string, roots: string[]): Promise<IViolation[]> {
  const { cruise: run } = await importEsm('dependency-cruiser');
  const output = await run(roots, { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
  return (output.output as ICruiseResult).summary.violations;
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('dependency rules (.dependency-cruiser.cjs)', function () {
  this.timeout(60_000);

  it('src/ has no file or folder cycles, a domain without SDK imports, and no imports of tools/', async () => {
    const violations = await cruise(repoRoot, ['src']);
    assert.deepEqual(violations.map(describeViolation), []);
  });

  describe('on a fixture that breaks every rule', () => {
    let fixture: string;
    before(() => {
      fixture = mkdtempSync(path.join(tmpdir(), 'dependency-rules-'));
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
        writeFileSync(path.join(fixture, file), text);
      };
      // Two files of two folders importing each other: a file cycle and a folder cycle.
      write('src/teams/router.ts', "import { handler } from '../commands/handler';\nexport const router = () => handler;\n");
      write('src/commands/handler.ts', "import type { router } from '../teams/router';\nexport const handler = (r?: typeof router) => r;\n");
      // Folders only: a → b through one pair of files, b → a through another.
      write('src/left/one.ts', "import { three } from '../right/three';\nexport const one = three;\n");
      write('src/right/two.ts', "import { four } from '../left/four';\nexport const two = four;\n");
      write('src/right/three.ts', 'export const three = 3;\n');
      write('src/left/four.ts', 'export const four = 4;\n');
      // The domain importing the SDK and restify.
      write('src/approvals/service.ts', "import type { TurnContext } from 'botbuilder';\nimport type { Server } from 'restify';\nexport type Both = [TurnContext, Server];\n");
      // The product importing a tool.
      write('src/app.ts', "import { simulator } from '../tools/simulator';\nexport const app = simulator;\n");
      write('tools/simulator.ts', 'export const simulator = 1;\n');
      // node_modules is resolved from the fixture's root: point it at ours.
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(fixture, 'node_modules'), 'dir');
    });
    after(() => rmSync(fixture, { recursive: true, force: true }));

    it('reports each of them', async () => {
      const violations = await cruise(fixture, ['src']);
      const byRule = (name: string) => violations.filter((v) => v.rule.name === name);
      assert.ok(byRule('no-file-cycles').some((v) => v.from === 'src/teams/router.ts' || v.from === 'src/commands/handler.ts'), violations.map(describeViolation).join('\n'));
      const folderCycles = byRule('no-folder-cycles').map((v) => [v.from, v.to].sort().join(' ↔ '));
      assert.ok(folderCycles.includes('src/commands ↔ src/teams'), folderCycles.join('\n'));
      assert.ok(folderCycles.includes('src/left ↔ src/right'), `a cycle of folders without a cycle of files: ${folderCycles.join('\n')}`);
      assert.equal(byRule('no-file-cycles').filter((v) => v.from.startsWith('src/left') || v.from.startsWith('src/right')).length, 0);
      const sdk = byRule('domain-without-sdk').map((v) => v.to);
      assert.equal(sdk.length, 2, violations.map(describeViolation).join('\n'));
      assert.ok(sdk.some((to) => to.includes('botbuilder')) && sdk.some((to) => to.includes('restify')), sdk.join('\n'));
      assert.deepEqual(byRule('product-without-tools').map((v) => [v.from, v.to]), [['src/app.ts', 'tools/simulator.ts']]);
    });
  });
});
