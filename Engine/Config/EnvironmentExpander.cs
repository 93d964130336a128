using System.Text;

namespace Hft.Engine.Config;

/// <summary>
/// Replaces <c>${NAME}</c> in configuration strings with the environment variable <c>NAME</c>, so credentials
/// (and machine-specific paths) stay out of the file. <c>$${</c> stands for a literal <c>${</c>.
/// </summary>
internal static class EnvironmentExpander
{
    /// <summary>
    /// Expands <paramref name="text"/>. On failure <paramref name="error"/> says why without quoting the text
    /// itself, because the text may be a credential typed into the file; only a variable's name is quoted.
    /// </summary>
    public static bool TryExpand(string text, Func<string, string?> lookup, out string result, out string? error)
    {
        result = text;
        error = null;
        if (!text.Contains('$', StringComparison.Ordinal)) return true;
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                sb.Append("${");
                i += 3;
                continue;
            }
            if (c != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                sb.Append(c);
                i++;
                continue;
            }
            int close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = "'${' without a closing '}' (write '$${' for a literal '${')";
                return false;
            }
            string name = text[(i + 2)..close];
            if (!IsValidName(name))
            {
                error = "'${...}' must hold an environment variable name: letters, digits and '_', not starting with a digit";
                return false;
            }
            var value = lookup(name);
            if (value is null)
            {
                error = $"environment variable {name} is not set";
                return false;
            }
            sb.Append(value);
            i = close + 1;
        }
        result = sb.ToString();
        return true;
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (char ch in name)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '_') return false;
        }
        return true;
    }
}
