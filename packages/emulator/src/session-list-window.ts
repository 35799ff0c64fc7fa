import { DAY_MS } from './dataset/time-units.js';

/**
 * How far back EM's session lists reach (backup, replica, their task sessions, restore): the
 * sessions created in the last 30 days of the clock, and none after it. One session by its id,
 * and the query service, are not limited to 30 days.
 */
export const SESSION_LIST_DAYS = 30;
export const SESSION_LIST_WINDOW_MS = SESSION_LIST_DAYS * DAY_MS;
