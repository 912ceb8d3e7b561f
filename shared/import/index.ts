/** Imports from other formats into a `.topo` document. */
export { importCompose, type ComposeImport, type ComposeOptions } from './compose';
export { kindFromImage, imageName, parseDuration } from './composeMapping';
