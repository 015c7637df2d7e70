/**
 * A command's action that imports its module only when the command runs: the program registers every
 * command (names, options, help) without loading what the actions need, such as the database drivers,
 * the HTTP server or the Stripe SDK, so `--help`, `--version` and client commands start at once.
 * @example command.action(lazyAction(() => import('./serve-action.ts'), 'serveCommand'))
 */
export function lazyAction<Name extends string, Module extends Record<Name, (...args: never[]) => unknown>>(
  load: () => Promise<Module>,
  name: Name,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const action = (await load())[name];
    // Commander hands an action its arguments untyped, as it did before this indirection.
    await action(...(args as never[]));
  };
}
