/**
 * Loaded with `node --import` by the benchmark: prints the process's peak resident set size
 * (`peak-rss-kb N`) and the CPU time it used (`cpu-us N`, user and system) on standard error
 * when it exits, as the operating system counts them.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\npeak-rss-kb ${usage.maxRSS}\ncpu-us ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
