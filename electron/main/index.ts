/** The Electron main process entry (bundled to dist/electron/main.cjs). */
import { startDesktopApp } from './app';

startDesktopApp();
