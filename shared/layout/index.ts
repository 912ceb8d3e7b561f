/**
 * One layout for every picture (SPEC §6): the geometry the canvas and every export draw, from a
 * document and its saved view.
 */
export * from './types';
export { deploymentGeometry, type GeometryOptions } from './deployment';
export { logicalGeometry } from './logical';
export { wrapName, CARD_WIDTH, cardHeight, kindBaseline, NAME_BASELINE, NAME_LINE, NAME_SIZE, KIND_SIZE, TEXT_LEFT, CARD_PADDING, ICON_TILE, SERVER_HEADER, SERVER_PADDING, DOMAIN_PADDING } from './cards';
export { labelBox, LABEL_SIZE, LABEL_LINE, CLEARANCE } from './route';
export { MAX_INSTANCE_CARDS } from './servers';
export { autoLayout, ELK_CARD_LIMIT, type AutoLayoutOptions, type AutoLayoutResult } from './auto';
