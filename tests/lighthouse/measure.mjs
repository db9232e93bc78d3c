// Lighthouse (desktop preset) against a running dashboard, in Debian's chromium (issue 26; docs/benchmarks.md).
//   node measure.mjs 'http://127.0.0.1:5080/?key=KEY' [runs]
// Prints each run's four category scores and its cumulative layout shift, then the lowest of each.
// Start the page first: ./dev run --rate 200 (the URL it prints carries a generated key).
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!url) {
  console.error("usage: node measure.mjs 'http://127.0.0.1:5080/?key=KEY' [runs]");
  process.exit(2);
}

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const results = [];
for (let run = 1; run <= runs; run++) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }, desktopConfig);
    const lhr = result.lhr;
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    results.push({ ...scores, cls });
    const metric = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    console.log(`  FCP ${metric('first-contentful-paint')} ms, LCP ${metric('largest-contentful-paint')} ms, TBT ${metric('total-blocking-time')} ms, SI ${metric('speed-index')} ms`);
    if (metric('total-blocking-time') > 100) {
      // What blocked: the long tasks (start, duration, script) and the main thread's time by kind.
      const tasks = lhr.audits['long-tasks']?.details?.items ?? [];
      console.log('  long tasks: ' + tasks.slice(0, 6).map((t) => `${Math.round(t.startTime)}+${Math.round(t.duration)} ${t.url}`).join('; '));
      const work = lhr.audits['mainthread-work-breakdown']?.details?.items ?? [];
      console.log('  main thread: ' + work.map((w) => `${w.groupLabel} ${Math.round(w.duration)}`).join(', '));
    }
    console.log(`run ${run}: ${categories.map((c) => `${c} ${scores[c]}`).join(', ')}, CLS ${cls.toFixed(3)}` +
      (failing.length ? `; failing: ${failing.join(', ')}` : ''));
  } finally {
    await chrome.kill();
  }
}
const lowest = Object.fromEntries([...categories, 'cls'].map((k) => [k, k === 'cls' ? Math.max(...results.map((r) => r[k])) : Math.min(...results.map((r) => r[k]))]));
console.log(`lowest of ${runs}: ${categories.map((c) => `${c} ${lowest[c]}`).join(', ')}; highest CLS ${lowest.cls.toFixed(3)}`);
