import { describe, expect, it } from 'vitest';
import { groupReport, useImportReport } from './importReport';

describe('groupReport', () => {
  it('groups lines by the object before the first ": ", in order, with the rest under General', () => {
    const groups = groupReport([
      'orders: depends_on names "x", which is not a service of this file: skipped',
      'top-level version: ignored (obsolete in the Compose specification)',
      'orders: ports: not imported',
      'added a client "Users" calling web',
    ]);
    expect(groups).toEqual([
      { object: 'orders', lines: ['depends_on names "x", which is not a service of this file: skipped', 'ports: not imported'] },
      { object: 'top-level version', lines: ['ignored (obsolete in the Compose specification)'] },
      { object: 'General', lines: ['added a client "Users" calling web'] },
    ]);
  });

  it('shows a report only when there is something in it, until dismissed', () => {
    useImportReport.getState().show('compose.yml', []);
    expect(useImportReport.getState().report).toBeNull();
    useImportReport.getState().show('compose.yml', ['web: build: not imported']);
    expect(useImportReport.getState().report).toEqual({ fileName: 'compose.yml', groups: [{ object: 'web', lines: ['build: not imported'] }] });
    useImportReport.getState().dismiss();
    expect(useImportReport.getState().report).toBeNull();
  });
});
