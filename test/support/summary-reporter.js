'use strict';
/**
 * Mocha's spec output, then one plain closing line `N passed, N failed[, N skipped]` that CI reads
 * (also written to test-results/summary.txt so .ci/run can print it last, after npm's own lines).
 */
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats || {};
      const line = `${passes} passed, ${failures} failed` + (pending ? `, ${pending} skipped` : '');
      const file = process.env.TEST_SUMMARY_FILE || path.resolve('test-results', 'summary.txt');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, line + '\n');
      process.nextTick(() => process.stdout.write(`\n${line}\n`));
    });
  }
}

module.exports = SummaryReporter;
