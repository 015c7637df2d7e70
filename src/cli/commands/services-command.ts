import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withServerOptions } from '../server-options.ts';

const FILE_HELP = 'a JSON or YAML object: title, description, offerings ([{id, title, description, workflow, version, status}]); a Service document as apply reads it will do';

/** `tollgate services`: catalog services as the people who change them see them; each change applies the service's `Service` document on the server. */
export function registerServicesCommand(program: Command): void {
  const services = program.command('services').description('list, make and change catalog services and their offerings on the running server');
  withServerOptions(services.command('list').description('every service with its offerings, drafts and those that take no requests too')).action(
    lazyAction(() => import('./services-actions.ts'), 'listServices'),
  );
  withServerOptions(services.command('show').description('a service and its offerings: the workflow and version each runs, and whether it takes requests').argument('<id>', 'service id')).action(
    lazyAction(() => import('./services-actions.ts'), 'showService'),
  );
  withServerOptions(
    services
      .command('create')
      .description("make a service with its first offerings; each offering's workflow must start by a form trigger")
      .requiredOption('--file <file>', `the service: ${FILE_HELP}, and its id`),
  ).action(lazyAction(() => import('./service-change-actions.ts'), 'createService'));
  withServerOptions(
    services
      .command('edit')
      .description('change a service: what the file gives replaces it (offerings: the whole list, in order; one left out is removed), what it leaves out stays')
      .argument('<id>', 'service id')
      .requiredOption('--file <file>', `the change: ${FILE_HELP}; an id, if any, must be this one`),
  ).action(lazyAction(() => import('./service-change-actions.ts'), 'editService'));
}
