// Opens the VS Code web client of a running VS Code server in headless Chromium and waits for the extension tests
// to finish. VS Code (started with --enable-smoke-test-driver) calls window.codeAutomationExit(code) when the
// tests' run() settles: 0 passed, 1 failed. Exits with that code; 2 when it never came.
//
// It also checks the window itself: the status bar item must show "NoteLsp: N notes" at some point; it prints
// "ok - …" or "not ok - …" for that.
//
// node driver.mjs --playwright DIR --url URL --timeout SECONDS [--screenshot FILE] [--status-screenshot FILE]
//                 [--browser-log FILE]
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
    options: {
        playwright: { type: 'string' },
        url: { type: 'string' },
        timeout: { type: 'string', default: '240' },
        screenshot: { type: 'string' },
        'browser-log': { type: 'string' },
        'status-screenshot': { type: 'string' },
        chromium: { type: 'string', default: '/usr/bin/chromium' },
    },
});
if (!options.playwright || !options.url) {
    console.error('usage: node driver.mjs --playwright DIR --url URL [--timeout SECONDS] [--screenshot FILE] [--browser-log FILE]');
    process.exit(2);
}

const { chromium } = createRequire(options.playwright + '/')('playwright-core');
const log = (line) => {
    if (options['browser-log']) appendFileSync(options['browser-log'], line + '\n');
};

const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
let exitCode = 2;
try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => log(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => log(`[pageerror] ${error.message}`));
    const finished = new Promise((resolve) => {
        page.exposeFunction('codeAutomationExit', (code) => {
            resolve(Number(code));
        });
    });
    await page.goto(options.url, { waitUntil: 'domcontentloaded' });
    // What the window shows, not what the API says: the status bar item rendered with the note count.
    const statusRendered = page
        .waitForFunction(
            () => [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent ?? '').find((t) => /NoteLsp: \d+ notes?/.test(t)),
            undefined,
            { timeout: Number(options.timeout) * 1000, polling: 200 },
        )
        .then(async (handle) => {
            const text = String(await handle.jsonValue()).trim();
            if (options['status-screenshot']) await page.screenshot({ path: options['status-screenshot'] }).catch(() => undefined);
            return text;
        })
        .catch(() => undefined);
    const timeoutMs = Number(options.timeout) * 1000;
    let timer;
    const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
        console.error(`driver: the extension tests did not finish within ${options.timeout} s`);
    } else {
        exitCode = outcome;
    }
    const statusText = await Promise.race([statusRendered, new Promise((resolve) => setTimeout(() => resolve(undefined), 1000))]);
    console.log(statusText
        ? `ok - the window's status bar shows "${statusText}"`
        : 'not ok - the window\'s status bar never showed "NoteLsp: N notes"');
    if (exitCode !== 0 && options.screenshot) {
        await page.screenshot({ path: options.screenshot }).catch(() => undefined);
        console.error(`driver: screenshot of the window at ${options.screenshot}`);
    }
} catch (error) {
    console.error(`driver: ${error instanceof Error ? error.stack : error}`);
} finally {
    await browser.close().catch(() => undefined);
}
process.exit(exitCode);
