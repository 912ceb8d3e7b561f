/** Every `topo` command, in the order `topo --help` lists them. One line per command file. */
import type { Command } from '../command';
import { validateCommand } from './validate';
import { classifyCommand } from './classify';
import { simulateCommand } from './simulate';
import { sweepCommand } from './sweep';
import { exportCommand } from './export';
import { importCommand } from './import';
import { newCommand } from './new';

export const COMMANDS: readonly Command[] = [
  validateCommand,
  classifyCommand,
  simulateCommand,
  sweepCommand,
  exportCommand,
  importCommand,
  newCommand,
];
