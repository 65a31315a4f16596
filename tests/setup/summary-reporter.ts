import type { Reporter, TestModule } from "vitest/node";

/** Prints the run's last line as `N passed, N failed`, the form CI reads (skips, if any, the line before). */
export default class SummaryReporter implements Reporter {
  private line = "";

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedHere++;
        else skipped++;
      }
      // A file that failed to load, or whose beforeAll/afterAll hook threw (its tests then
      // count as skipped), is a failure all the same.
      if (module.state() === "failed" && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    this.line = `${skipped ? `${skipped} skipped\n` : ""}${passed} passed, ${failed} failed`;
  }

  // Runs after every reporter's run-end hook (the default reporter prints its summary there), so this stays last.
  onFinished() {
    process.stdout.write(`\n${this.line}\n`);
  }
}
