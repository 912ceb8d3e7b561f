/** Imports from other formats into a `.topo` document. */
export { importCompose, type ComposeImport, type ComposeOptions } from './compose';
export { parseDuration } from './composeMapping';
export { kindFromImage, imageName, repositoryPath } from './images';
export { interpolate, parseEnvFile, type Interpolation } from './interpolate';
export { importKubernetes, looksLikeKubernetes, type KubernetesImport, type KubernetesOptions, type ManifestFile } from './kubernetes';
