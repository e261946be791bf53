using System.CommandLine;

namespace Omg.Cli;

/// <summary>
/// The shell completion scripts <c>omg completion bash|zsh|fish</c> prints. Verbs and their sub-verbs come from the
/// command tree, so a new verb completes without touching the scripts; package names come from omgd's Suggest
/// through <c>omg suggest</c> (one name a line), run with the same <c>omg</c> the user typed.
/// </summary>
internal static class CompletionScripts
{
    /// <summary>The shells a script is printed for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "fish"];

    // Verbs whose arguments are package names.
    private const string PackageVerbs = "info suggest search";

    /// <summary>The script for <paramref name="shell"/>.</summary>
    public static string For(string shell, RootCommand root)
    {
        string verbs = string.Join(' ', root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
        string Sub(string verb) => string.Join(' ', root.Subcommands.FirstOrDefault(c => c.Name == verb)?.Subcommands.Select(c => c.Name) ?? []);
        string Case(string verb) => $"        {verb}) (( i == COMP_CWORD - 1 )) && COMPREPLY=($(compgen -W \"{Sub(verb)}\" -- \"$cur\")) ;;\n";
        string nested = string.Concat(root.Subcommands.Where(c => c.Subcommands.Count > 0).Select(c => Case(c.Name)));
        return shell switch
        {
            "bash" => Bash(verbs, nested),
            "zsh" => "# omg completion for zsh: source it from ~/.zshrc (uses zsh's bash completion layer).\nautoload -U +X bashcompinit && bashcompinit\n" + Bash(verbs, nested),
            "fish" => Fish(verbs, root),
            _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "bash, zsh or fish"),
        };
    }

    private static string Bash(string verbs, string nested) => $$"""
        # omg completion for bash: eval "$(omg completion bash)" in ~/.bashrc.
        _omg_complete() {
            local cur=${COMP_WORDS[COMP_CWORD]} omg=${COMP_WORDS[0]} i verb=
            # The verb is the first word that is neither an option nor the value of --socket.
            for (( i = 1; i < COMP_CWORD; i++ )); do
                case ${COMP_WORDS[i]} in
                    --socket) (( i++ )) ;;
                    -*) ;;
                    *) verb=${COMP_WORDS[i]}; break ;;
                esac
            done
            COMPREPLY=()
            if [[ -z $verb ]]; then
                COMPREPLY=($(compgen -W "{{verbs}}" -- "$cur"))
                return
            fi
            case $verb in
        {{nested}}        completion) (( i == COMP_CWORD - 1 )) && COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
                {{PackageVerbs.Replace(' ', '|')}})
                    # Package names as omgd suggests them, kept when they start with what was typed.
                    if [[ -n $cur && $cur != -* ]]; then
                        COMPREPLY=($(compgen -W "$("$omg" suggest --limit 50 -- "$cur" 2>/dev/null)" -- "$cur"))
                    fi ;;
            esac
        }
        complete -F _omg_complete omg

        """;

    private static string Fish(string verbs, RootCommand root)
    {
        var lines = new List<string>
        {
            "# omg completion for fish: omg completion fish > ~/.config/fish/completions/omg.fish",
            $"complete -c omg -f -n '__fish_use_subcommand' -a '{verbs}'",
            $"complete -c omg -f -n '__fish_seen_subcommand_from {PackageVerbs}' -a '(omg suggest --limit 50 -- (commandline -ct) 2>/dev/null)'",
            "complete -c omg -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
        };
        foreach (Command verb in root.Subcommands.Where(c => c.Subcommands.Count > 0))
        {
            lines.Add($"complete -c omg -f -n '__fish_seen_subcommand_from {verb.Name}' -a '{string.Join(' ', verb.Subcommands.Select(c => c.Name))}'");
        }

        return string.Join('\n', lines) + "\n";
    }
}
