/**
 * Which way the product's folders may depend (npm run check:deps; asserted by
 * test/unit/architecture/dependency-rules.spec.ts too, so CI fails on a violation):
 * no import cycle between files or between folders of src/; the domain (src/approvals) knows
 * neither the Bot Framework SDK nor restify; the product never imports its tools.
 * Type-only imports count: a cycle of types is still a cycle a newcomer must untangle.
 */
const SDK = '(^|/)node_modules/(@types/)?(botbuilder[^/]*|botframework-[^/]+|restify[^/]*)/';

module.exports = {
  forbidden: [
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'Two files of src/ import each other, directly or through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Two folders of src/ import each other: an interface belongs with the code that uses it, its implementations import it.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-without-sdk',
      severity: 'error',
      comment: 'The domain (src/approvals) imports neither botbuilder/botframework-* nor restify: the Teams layer may change SDK.',
      from: { path: '^src/approvals/' },
      to: { path: SDK },
    },
    {
      name: 'product-without-tools',
      severity: 'error',
      comment: 'The product (src/) does not import its tools (tools/: simulator, dev, packaging).',
      from: { path: '^src/' },
      to: { path: '^tools/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
