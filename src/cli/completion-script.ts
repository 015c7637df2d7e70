/**
 * Shell completion for `tollgate`, generated from the commander program
 * itself, so a new command or option completes without touching this file.
 * One bash function serves both shells: zsh runs it through `bashcompinit`.
 */
import type { Command, Option } from 'commander';

export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

interface CommandNode {
  /** Space-joined subcommand path; '' for the program. */
  path: string;
  words: string[];
  /** Options that take a value: the next word is that value, not a command. */
  valueFlags: string[];
  /** Options with a fixed set of values (`--status`), keyed by flag. */
  choices: Map<string, readonly string[]>;
}

export function completionScript(program: Command, shell: CompletionShell): string {
  const bash = bashScript(program.name(), collect(program, ''));
  if (shell === 'bash') return bash;
  return ['#compdef ' + program.name(), '# Completion for zsh, through its bash-completion layer.', 'autoload -U +X bashcompinit && bashcompinit', bash].join('\n');
}

function collect(command: Command, path: string): CommandNode[] {
  const visible = command.commands.filter((sub) => !(sub as Command & { _hidden?: boolean })._hidden);
  const options = [...command.options.filter((option) => !option.hidden), helpOption(command)].filter((option): option is Option => option !== undefined);
  const node: CommandNode = {
    path,
    words: [...visible.map((sub) => sub.name()), ...command.registeredArguments.flatMap((argument) => argument.argChoices ?? []), ...options.flatMap(flagsOf)],
    valueFlags: options.filter((option) => option.required || option.optional).flatMap(flagsOf),
    choices: new Map(options.filter((option) => option.argChoices !== undefined).flatMap((option) => flagsOf(option).map((flag) => [flag, option.argChoices ?? []] as const))),
  };
  return [node, ...visible.flatMap((sub) => collect(sub, path === '' ? sub.name() : `${path} ${sub.name()}`))];
}

function helpOption(command: Command): Option | undefined {
  return (command as Command & { _getHelpOption?: () => Option | null })._getHelpOption?.() ?? undefined;
}

function flagsOf(option: Option): string[] {
  return [option.short, option.long].filter((flag): flag is string => flag !== undefined);
}

function bashScript(name: string, nodes: readonly CommandNode[]): string {
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const quote = (words: readonly string[]): string => `'${words.join(' ')}'`;
  const wordCases = nodes.map((node) => `    ${quote([node.path])}) words=${quote(node.words)} ;;`);
  const choiceCases = nodes.flatMap((node) => [...node.choices].map(([flag, values]) => `    ${quote([`${node.path}|${flag}`])}) words=${quote(values)} ;;`));
  const valueFlags = [...new Set(nodes.flatMap((node) => node.valueFlags))];
  const commandPaths = nodes.filter((node) => node.path !== '').map((node) => quote([node.path]));
  return `# ${name} completion for bash. Load it with: source <(${name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" next="" words="" i w
  local valueFlags=${quote(valueFlags)}
  ((COMP_CWORD > 0)) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case " $valueFlags " in *" $w "*) ((i++)); continue ;; esac
    [[ "$w" == -* ]] && continue
    next="\${path:+$path }$w"
    case "$next" in
      ${commandPaths.join('|')}) path="$next" ;;
    esac
  done
  case "$path|$prev" in
${choiceCases.join('\n')}
    *)
      # After an option that takes a free value, offer nothing (the shell completes file names).
      case " $valueFlags " in *" $prev "*) ;; *)
        case "$path" in
${wordCases.map((line) => `      ${line}`).join('\n')}
        esac ;;
      esac ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${fn} ${name}
`;
}
