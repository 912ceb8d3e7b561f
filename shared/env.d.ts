/**
 * The few host globals that shared code may use: present in browsers, workers and Node alike,
 * but declared by neither the ES library nor (deliberately, to keep shared free of them) the DOM
 * or Node typings.
 */
declare function structuredClone<T>(value: T): T;
declare function queueMicrotask(callback: () => void): void;
