/** How many requests one page of the request list holds: shared by the API, the CLI and the use case, and free of their dependencies. */
export const MAX_REQUEST_PAGE = 200;
export const DEFAULT_REQUEST_PAGE = 50;
