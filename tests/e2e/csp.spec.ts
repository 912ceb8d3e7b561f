/**
 * The page's Content-Security-Policy (no 'unsafe-inline' for styles) holds for the real app: a tour
 * of the editor, a simulation and the export dialog raises no CSP violation, neither as a
 * `securitypolicyviolation` event nor as a console error.
 */
import { test, expect, openApp, openTemplate, animationFrames } from './fixtures';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

test('the editor, a simulation and the export dialog run without CSP violations', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  // Installed before any script of the page runs, so violations during start-up are caught too.
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).not.toContain('unsafe-inline');

  await openTemplate(page, 'Services, each on two servers');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await animationFrames(page, 30);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format').selectOption('svg');
  await animationFrames(page, 10);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await animationFrames(page, 5);
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations);
  // Not even an eval probe: zod runs jitless in the page and in the worker (renderer/worker/zodJitless.ts).
  expect(violations, 'CSP violations').toEqual([]);
  expect(consoleErrors, 'CSP errors on the console').toEqual([]);

  // A probe proves the listeners work: an inline <style> element must be refused and reported.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '.csp-probe { color: red; }';
    document.head.append(style);
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations.filter((v) => v.directive.startsWith('style-src')).map((v) => v.directive)))
    .toEqual(['style-src-elem']);
});
