/**
 * Loaded with `node --import` by the benchmark: prints the process's peak resident set size on
 * standard error when it exits (`peak-rss-kb N`), as the operating system counts it.
 */
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
