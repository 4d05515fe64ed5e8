using System.Text;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>A word (raw, quotes kept for expansion) or an operator (<c>; &amp;&amp; || | &gt; &gt;&gt; 2&gt; 2&gt;&amp;1 &lt;</c>, newline).</summary>
internal sealed record ShellToken(string Text, bool IsOperator);

/// <summary>Splits a shell script into words and operators, respecting quotes, escapes, <c>$( )</c> and comments.</summary>
internal static class ShellLexer
{
    public static List<ShellToken> Lex(string script)
    {
        var tokens = new List<ShellToken>();
        var word = new StringBuilder();
        var i = 0;
        void Flush()
        {
            if (word.Length > 0) tokens.Add(new ShellToken(word.ToString(), false));
            word.Clear();
        }
        while (i < script.Length)
        {
            var c = script[i];
            if (c is ' ' or '\t' or '\r') { Flush(); i++; continue; }
            if (c == '#' && word.Length == 0)
            {
                while (i < script.Length && script[i] != '\n') i++;
                continue;
            }
            if (c == '\n' || c == ';') { Flush(); tokens.Add(new ShellToken(";", true)); i++; continue; }
            if (c == '&' || c == '|')
            {
                Flush();
                if (i + 1 < script.Length && script[i + 1] == c) { tokens.Add(new ShellToken(new string(c, 2), true)); i += 2; }
                else { tokens.Add(new ShellToken(c == '&' ? ";" : "|", true)); i++; }
                continue;
            }
            if (c == '2' && word.Length == 0 && i + 1 < script.Length && script[i + 1] == '>')
            {
                if (script.AsSpan(i).StartsWith("2>&1")) { tokens.Add(new ShellToken("2>&1", true)); i += 4; }
                else { tokens.Add(new ShellToken("2>", true)); i += 2; }
                continue;
            }
            if (c == '>' && script.AsSpan(i).StartsWith(">&2"))
            {
                Flush();
                tokens.Add(new ShellToken(">&2", true));
                i += 3;
                continue;
            }
            if (c == '>' || c == '<')
            {
                Flush();
                if (c == '>' && i + 1 < script.Length && script[i + 1] == '>') { tokens.Add(new ShellToken(">>", true)); i += 2; }
                else { tokens.Add(new ShellToken(c.ToString(), true)); i++; }
                continue;
            }
            var start = i;
            i = SkipWordPart(script, i);
            word.Append(script, start, i - start);
        }
        Flush();
        return tokens;
    }

    /// <summary>Index after one word character or one quoted / substituted span starting at <paramref name="i"/>.</summary>
    private static int SkipWordPart(string s, int i)
    {
        var c = s[i];
        if (c == '\\') return Math.Min(i + 2, s.Length);
        if (c == '\'')
        {
            var end = s.IndexOf('\'', i + 1);
            return end < 0 ? s.Length : end + 1;
        }
        if (c == '"')
        {
            i++;
            while (i < s.Length && s[i] != '"')
            {
                if (s[i] == '\\') i++;
                else if (s[i] == '$' && i + 1 < s.Length && s[i + 1] == '(') { i = MatchParen(s, i + 1); continue; }
                i++;
            }
            return Math.Min(i + 1, s.Length);
        }
        if (c == '$' && i + 1 < s.Length && s[i + 1] == '(') return MatchParen(s, i + 1);
        if (c == '`')
        {
            var end = s.IndexOf('`', i + 1);
            return end < 0 ? s.Length : end + 1;
        }
        return i + 1;
    }

    /// <summary>Index after the parenthesis that closes the one at <paramref name="open"/>.</summary>
    public static int MatchParen(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '(') depth++;
            else if (s[i] == ')' && --depth == 0) return i + 1;
            else if (s[i] == '\'') { var e = s.IndexOf('\'', i + 1); if (e < 0) return s.Length; i = e; }
        }
        return s.Length;
    }
}
