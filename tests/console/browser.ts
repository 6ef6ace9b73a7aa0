/**
 * A real browser for the console's tests: Debian's `chromium` (`apt-get install chromium`; CI's
 * `.ci/run` installs it) driven by playwright-core, which downloads no browser. The flags keep it
 * from reaching for the network, a GPU or a sandbox this container cannot give it.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";

/** Where Debian puts chromium, unless CHROMIUM_PATH names another binary. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches headless chromium. Playwright gives each launch a fresh temporary `--user-data-dir`
 * (removed at close), so no profile survives between runs; each `newContext()` is a further
 * isolated session (own storage and cookies), which is how two users sign in side by side.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No chromium at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Screenshots of one test file, in a folder named after it under `.local/screenshots/` (gitignored). */
export class Screenshots {
  readonly folder: string;
  private count = 0;

  constructor(name: string) {
    this.folder = path.resolve(__dirname, "../../.local/screenshots", name);
    rmSync(this.folder, { recursive: true, force: true });
    mkdirSync(this.folder, { recursive: true });
  }

  /** Saves the whole page as `NN-<step>.png`. */
  async take(page: Page, step: string): Promise<string> {
    const file = path.join(this.folder, `${String(++this.count).padStart(2, "0")}-${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
