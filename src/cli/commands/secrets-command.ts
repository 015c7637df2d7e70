import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withDataOption } from '../local-options.ts';

/** `tollgate secrets`: the stored connector secrets of the local database, and rotating the key that seals them. */
export function registerSecretsCommand(program: Command): void {
  const secrets = program.command('secrets').description('stored connector secrets (sealed with TOLLGATE_SECRET_KEY or <data>/secret.key): list them, rotate the key');
  withDataOption(secrets.command('list').description('the stored secrets: connector, name, who set them and when, the key id that seals them (never a value)').option('--json', 'print JSON instead of text')).action(
    lazyAction(() => import('./secrets-actions.ts'), 'listCommand'),
  );
  withDataOption(
    secrets
      .command('rotate')
      .description(
        're-seal every stored secret under the current key, in one transaction. With <data>/secret.key: makes a new key file and keeps the previous one as secret.key.<id>.old. ' +
          'With TOLLGATE_SECRET_KEY: set the new key there and the previous one in TOLLGATE_SECRET_KEY_OLD first. Safe to run again after an interruption',
      )
      .option('--json', 'print JSON instead of text'),
  ).action(lazyAction(() => import('./secrets-actions.ts'), 'rotateCommand'));
}
