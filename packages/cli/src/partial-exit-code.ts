/**
 * The exit code of output made without part of what was asked for: the EMs that failed
 * (`--all`), or the VMs of an EM whose task sessions could not be read. A scheduled export must
 * not read as whole, and what is missing is named only on stderr.
 */
export const PARTIAL_EXIT_CODE = 3;
