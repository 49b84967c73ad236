/**
 * Runs once before any test file: makes sure a Chromium exists for the browser tests, installing
 * Debian's when it may, so that parallel test files never race to install it. Without one, and
 * without the right to install one, the run stops here and says what to install.
 */
import { findChromium } from './browser/chromium.js';

export default function setup(): void {
  findChromium();
}
