// The running timer, shared by the top bar and the weekly grid; `changed` counts the entries
// the timer recorded, so that the grid reloads.
import type { Timer } from './bindings';

export const timerState = $state<{ running: Timer | null; changed: number }>({ running: null, changed: 0 });
