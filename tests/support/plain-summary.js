// Prints the closing line CI reads in any language: "jest: N passed, N failed".
class PlainSummary {
  onRunComplete(_contexts, results) {
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed\n`);
  }
}
module.exports = PlainSummary;
