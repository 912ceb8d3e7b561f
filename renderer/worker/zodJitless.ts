/**
 * Imported first by the page (main.tsx) and by every worker: zod's object parser compiles itself
 * with `new Function` unless told not to, and merely probing whether that works makes the strict
 * Content-Security-Policy (no 'unsafe-eval') report a violation. Jitless parsing needs no eval.
 * The setting is read when a schema is built, so this module must run before any schema module.
 */
import { z } from 'zod';

z.config({ jitless: true });
