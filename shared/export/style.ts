/**
 * The visual language shared by the exports and the app's canvas (SPEC §6): one hue and one icon
 * per node kind, colour-blind-safe host tints, and the two themes.
 *
 * Icons are 24×24, stroke-based (stroke width 2, round caps and joins, no fill), drawn for this
 * project in the manner of Lucide so they sit beside its icons without clashing.
 */
import type { NodeKind } from '../document';

export type Theme = 'light' | 'dark';

/** How one node kind looks: its hue (icon tile, accents) and its 24×24 icon as an SVG path `d`. */
export interface KindStyle {
  readonly hue: string;
  readonly icon: string;
}

/** One hue and one icon per node kind; the canvas uses the same paths. */
export const KIND_STYLE: Readonly<Record<NodeKind, KindStyle>> = {
  // A monitor on its stand: whoever sends the requests.
  client: {
    hue: '#64748b',
    icon: 'M5 4h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z M8 20h8 M12 16v4',
  },
  // A shield with an arched door: the guarded way in.
  gateway: {
    hue: '#7c3aed',
    icon: 'M12 2.5 4.5 5.5v5.5c0 4.6 3.1 8.4 7.5 10.5 4.4-2.1 7.5-5.9 7.5-10.5V5.5Z M9.5 16v-3.5a2.5 2.5 0 0 1 5 0V16',
  },
  // One line splitting into three arrows: traffic spread over instances.
  loadBalancer: {
    hue: '#0891b2',
    icon: 'M3 12h5 M8 12c3.5 0 4.5-6 8.5-6H21 M8 12h13 M8 12c3.5 0 4.5 6 8.5 6H21 M18 3l3 3-3 3 M18 9l3 3-3 3 M18 15l3 3-3 3',
  },
  // A wall of bricks: one big block holding every module.
  monolith: {
    hue: '#b45309',
    icon: 'M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z M3 9h18 M3 15h18 M9 3v6 M15 9v6 M9 15v6',
  },
  // A hexagon with a core: one small deployable unit.
  service: {
    hue: '#2563eb',
    icon: 'M12 2.5l8.5 4.9v9.2L12 21.5l-8.5-4.9V7.4Z M12 9a3 3 0 1 1 0 6a3 3 0 1 1 0-6Z',
  },
  // A cylinder: stored data.
  database: {
    hue: '#059669',
    icon: 'M4 6a8 3 0 1 0 16 0a8 3 0 1 0-16 0Z M4 6v12a8 3 0 0 0 16 0V6 M4 12a8 3 0 0 0 16 0',
  },
  // A lightning bolt: fast answers from memory.
  cache: {
    hue: '#d97706',
    icon: 'M13.5 2.5 4.5 13.5H12l-1.5 8 9-11H12Z',
  },
  // Stacked bars: messages waiting in line.
  queue: {
    hue: '#db2777',
    icon: 'M5 3h14a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Z M5 10h14a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1Z M5 17h14a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1Z',
  },
};

/** The colours of one host: its hue, a text colour readable on the theme, and a region tint. */
export interface HostColor {
  /** The tint itself: swatches, chip borders, region outlines. */
  readonly hue: string;
  /** Text in this host's colour that stays readable on the theme's background. */
  readonly text: string;
  /** Region fill (use with `fillOpacity`, so it stays translucent in every renderer). */
  readonly fill: string;
  readonly fillOpacity: number;
}

/**
 * The Okabe–Ito palette (safe for the common colour-vision deficiencies), with its black left
 * out (it reads as text) and text shades tuned per theme for ≥ 4.5:1 contrast.
 */
const HOST_PALETTE: readonly { hue: string; light: string; dark: string }[] = [
  { hue: '#0072B2', light: '#0062a0', dark: '#5fb3ea' },
  { hue: '#E69F00', light: '#8a5f00', dark: '#f0b73d' },
  { hue: '#009E73', light: '#00734f', dark: '#33c79c' },
  { hue: '#D55E00', light: '#a84a00', dark: '#f28b45' },
  { hue: '#56B4E9', light: '#1f6f9e', dark: '#86cbf2' },
  { hue: '#CC79A7', light: '#9c4a78', dark: '#e0a2c5' },
  { hue: '#F0E442', light: '#6e6500', dark: '#f0e442' },
  { hue: '#999999', light: '#595959', dark: '#c2c2c2' },
];

/** The number of distinct host tints; host `i` and host `i + HOST_COLOR_COUNT` share one. */
export const HOST_COLOR_COUNT = HOST_PALETTE.length;

/** The tint of the host at `index` in `doc.hosts` (cycling after `HOST_COLOR_COUNT`). */
export function hostColor(index: number, theme: Theme): HostColor {
  const safe = Number.isInteger(index) && index >= 0 ? index : 0;
  const entry = HOST_PALETTE[safe % HOST_PALETTE.length]!;
  return {
    hue: entry.hue,
    text: theme === 'light' ? entry.light : entry.dark,
    fill: entry.hue,
    fillOpacity: theme === 'light' ? 0.08 : 0.14,
  };
}

/** The neutral colours of a theme. */
export interface ThemeColors {
  readonly background: string;
  readonly card: string;
  readonly cardBorder: string;
  /** The cards stacked behind a replica group. */
  readonly stack: string;
  readonly text: string;
  readonly muted: string;
  readonly edge: string;
  readonly chip: string;
  /** The tag of an instance that sits on no host. */
  readonly unplaced: string;
  readonly iconInk: string;
}

export const THEMES: Readonly<Record<Theme, ThemeColors>> = {
  light: {
    background: '#ffffff',
    card: '#ffffff',
    cardBorder: '#cbd5e1',
    stack: '#f1f5f9',
    text: '#0f172a',
    muted: '#64748b',
    edge: '#64748b',
    chip: '#f8fafc',
    unplaced: '#64748b',
    iconInk: '#ffffff',
  },
  dark: {
    background: '#0f172a',
    card: '#1e293b',
    cardBorder: '#475569',
    stack: '#172033',
    text: '#f1f5f9',
    muted: '#94a3b8',
    edge: '#94a3b8',
    chip: '#0f172a',
    unplaced: '#94a3b8',
    iconInk: '#ffffff',
  },
};

/**
 * Fonts in order of preference. Helvetica/Arial metrics drive `textWidth`; Liberation Sans is
 * metric-compatible with Arial and present on most Linux systems (and is what the CLI's
 * rasterizer falls back to).
 */
export const FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
