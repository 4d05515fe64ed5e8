using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary><c>$(( ))</c>: integers, variables, + - * / % and parentheses.</summary>
internal static class ShellArithmetic
{
    public static long Evaluate(string expression, IReadOnlyDictionary<string, string> vars)
    {
        var pos = 0;
        try { return Sum(expression, ref pos, vars); }
        catch (DivideByZeroException) { return 0; }
    }

    private static long Sum(string s, ref int pos, IReadOnlyDictionary<string, string> vars)
    {
        var value = Product(s, ref pos, vars);
        while (true)
        {
            Skip(s, ref pos);
            if (pos >= s.Length || s[pos] is not ('+' or '-')) return value;
            var op = s[pos++];
            var right = Product(s, ref pos, vars);
            value = op == '+' ? value + right : value - right;
        }
    }

    private static long Product(string s, ref int pos, IReadOnlyDictionary<string, string> vars)
    {
        var value = Atom(s, ref pos, vars);
        while (true)
        {
            Skip(s, ref pos);
            if (pos >= s.Length || s[pos] is not ('*' or '/' or '%')) return value;
            var op = s[pos++];
            var right = Atom(s, ref pos, vars);
            value = op == '*' ? value * right : op == '/' ? value / right : value % right;
        }
    }

    private static long Atom(string s, ref int pos, IReadOnlyDictionary<string, string> vars)
    {
        Skip(s, ref pos);
        if (pos >= s.Length) return 0;
        if (s[pos] == '(')
        {
            pos++;
            var v = Sum(s, ref pos, vars);
            Skip(s, ref pos);
            if (pos < s.Length && s[pos] == ')') pos++;
            return v;
        }
        if (s[pos] == '-') { pos++; return -Atom(s, ref pos, vars); }
        var start = pos;
        if (s[pos] == '$') start = ++pos;
        while (pos < s.Length && (char.IsLetterOrDigit(s[pos]) || s[pos] == '_')) pos++;
        var token = s[start..pos];
        if (token.Length == 0) { pos++; return 0; }
        if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        return long.TryParse(vars.GetValueOrDefault(token), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromVar) ? fromVar : 0;
    }

    private static void Skip(string s, ref int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos])) pos++;
    }
}
