/** Runs in every test worker before each file (vitest setupFiles): no child process outlives its test file. */
import { afterAll } from 'vitest';
import { sweepChildren } from './spawn.js';

afterAll(() => {
  sweepChildren();
});
