/**
 * What the last import could not map (the importers' `report` lines), grouped by the object each
 * line is about ("orders: …" → orders). Kept until dismissed or another design is opened, so a
 * long report can be read to the end rather than fading with a notice.
 */
import { create } from 'zustand';

export interface ReportGroup {
  /** The service, manifest object or top-level key the lines are about; "General" for the rest. */
  readonly object: string;
  readonly lines: readonly string[];
}

export interface ImportReport {
  readonly fileName: string;
  readonly groups: readonly ReportGroup[];
}

/** Groups report lines by the object before their first ": " (lines keep their order within a group). */
export function groupReport(lines: readonly string[]): ReportGroup[] {
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    const at = line.indexOf(': ');
    const object = at > 0 ? line.slice(0, at) : 'General';
    const text = at > 0 ? line.slice(at + 2) : line;
    const list = groups.get(object) ?? [];
    list.push(text);
    groups.set(object, list);
  }
  return [...groups].map(([object, grouped]) => ({ object, lines: grouped }));
}

interface ImportReportSlice {
  readonly report: ImportReport | null;
  show(fileName: string, lines: readonly string[]): void;
  dismiss(): void;
}

export const useImportReport = create<ImportReportSlice>()((set) => ({
  report: null,
  show: (fileName, lines) => set({ report: lines.length > 0 ? { fileName, groups: groupReport(lines) } : null }),
  dismiss: () => set({ report: null }),
}));
