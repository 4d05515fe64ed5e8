namespace Dashboard.Web.Terminal;

/// <summary>The shell the user picked on the terminal page, and what the session tries for it.</summary>
internal static class ShellChoice
{
    /// <summary>bash, falling back to sh where bash is absent (busybox, alpine).</summary>
    public const string Bash = "bash";
    /// <summary>Only sh.</summary>
    public const string Sh = "sh";
    /// <summary>A program the user types (zsh, /bin/ash...), falling back to sh.</summary>
    public const string Custom = "custom";

    /// <summary>The choices the page offers, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Bash, Sh, Custom];

    /// <summary>
    /// The program to run for a choice, or null with <paramref name="problem"/> set when a custom shell is not one
    /// program name or path (exec runs argv directly: no spaces, no arguments, no shell syntax).
    /// </summary>
    public static string? Resolve(string choice, string? custom, out ShellProblem problem)
    {
        problem = ShellProblem.None;
        if (choice == Sh) return Sh;
        if (choice != Custom) return Bash;
        var program = custom?.Trim() ?? "";
        if (program.Length == 0)
        {
            problem = ShellProblem.Empty;
            return null;
        }
        if (program.Any(c => char.IsWhiteSpace(c) || c is ';' or '&' or '|' or '$' or '`' or '"' or '\'' or '<' or '>'))
        {
            problem = ShellProblem.NotOneProgram;
            return null;
        }
        return program;
    }
}

/// <summary>Why a custom shell was refused.</summary>
internal enum ShellProblem
{
    /// <summary>Fine.</summary>
    None,
    /// <summary>Nothing typed.</summary>
    Empty,
    /// <summary>Spaces, arguments or shell syntax.</summary>
    NotOneProgram,
}
