import { Argument, type Command } from 'commander';
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from '../completion-script.ts';

/** `tollgate completion bash|zsh`: prints a completion script for every command and option. */
export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('print shell completion for bash or zsh, e.g. `source <(tollgate completion bash)` in ~/.bashrc')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .action((shell: CompletionShell) => {
      process.stdout.write(completionScript(program, shell));
    });
}
