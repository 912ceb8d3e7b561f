/**
 * V8 gives an object's field the representation of the first value stored in it: a field that
 * starts at `0` holds small integers, and the first fraction stored in it later changes the
 * object's hidden class and throws away the optimised code built on the old one — in the middle
 * of the first run of a process (every run of the CLI, the first of a worker). Fields that will
 * hold fractions start as DOUBLE and get their real first value in the constructor: they hold
 * doubles from the start, and the hot code is optimised once.
 */
export const DOUBLE = 0.5;
