/**
 * Exports of a document as pure string builders (SVG, Mermaid, draw.io, Markdown), the embedding
 * of the design in exported pictures, and the diagram layout and visual language they share with
 * the app's canvas.
 */
export { exportSvg, type SvgOptions } from './svg';
export { KIND_STYLE, hostColor, HOST_COLOR_COUNT, THEMES, FONT_FAMILY, type Theme, type KindStyle, type HostColor, type ThemeColors } from './style';
export { diagramLayout, layeredPositions, COLUMN_SPACING, ROW_SPACING, type DiagramLayout, type NodeBox, type Box } from './layout';
export { embedDocumentInPng, setPngDpi, pngDpi, CSS_DPI, extractDocumentFromPng, extractDocumentFromSvg, pngSize, isPng, crc32, EMBED_KEYWORD, EMBED_NAMESPACE } from './embed';
export { exportMermaid, type MermaidOptions } from './mermaid';
export { exportDrawio } from './drawio';
export { exportMarkdown, REPORT_WRAP_WIDTH, type AvailabilityLike, type CapacityLike, type ClientResultLike, type MarkdownOptions, type NodeResultLike, type SimulationResultLike, type SweepLike, type ScenarioResultLike } from './markdown';
