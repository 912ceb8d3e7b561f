/** The CLI's version, as `topo --version` prints it. */
export const VERSION = '0.1.0';
