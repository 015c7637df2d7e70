// Types of scripts/compiled-build.js (plain JavaScript: bin/tollgate.js runs it before any TypeScript loader).

export const PACKAGE_ROOT: string;
export function buildPaths(root?: string): { dist: string; src: string; stamp: string };
export function compiledBuildIsFresh(root?: string): boolean;
