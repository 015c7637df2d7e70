// Types of scripts/layers.js (plain JavaScript, so that eslint.config.js can import it).

/** One folder of src/: what it holds, and the folders it may import. */
export interface Layer {
  folder: string;
  holds: string;
  imports: readonly string[];
}

export const LAYERS: readonly Layer[];
export const STORE_INTERNALS: readonly string[];
export const STORE_INTERNALS_USERS: readonly string[];
export const STORE_INSPECT: string;
export const PACKAGE_OWNERS: readonly { packages: readonly string[]; owner: string; why: string }[];
export const WEB_IMPORTS: { values: readonly string[]; types: readonly string[] };
export function layerTableMarkdown(): string;
