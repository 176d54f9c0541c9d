/**
 * What one command may ask, so that no input makes a reply grow with it: a 100,000-character
 * line would otherwise be echoed back, or explained name by name.
 */

/** A command longer than this is refused with its usage: none needs more (a 20-country list is about 300). */
export const MAX_COMMAND_LENGTH = 1000;

/** At most this many names that are no place are explained one by one; the rest are counted. */
export const MAX_PLACE_PROBLEMS = 5;
