using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Photocollect.Deployment.Tests.Support;

/// <summary>A template that cannot be rendered: a `required` value is missing, a name is unknown, or the chart uses
/// a construct <see cref="GoTemplates"/> does not know.</summary>
public sealed class TemplateException(string message) : Exception(message);

/// <summary>
/// The subset of Go's text/template and of Helm's functions that charts/photocollect uses, so the chart can be
/// rendered where no helm binary is. Not Helm: an unknown function or action throws instead of being skipped, so a
/// template that outgrows the subset fails the tests until this class learns the new construct.
/// </summary>
public sealed class GoTemplates
{
    private readonly Dictionary<string, List<Node>> templates = new(StringComparer.Ordinal);

    /// <summary>Parses a file; its <c>define</c>s become templates of their own, the rest is the file's template.</summary>
    public void Add(string name, string text) => templates[name] = new Parser(Lexer.Items(text), templates).ParseAll();

    /// <summary>Runs a template with <paramref name="data"/> as both <c>.</c> and <c>$</c>.</summary>
    public string Execute(string name, object? data) => new Executor(this).Include(name, data, depth: 0);

    private List<Node> Template(string name) =>
        templates.TryGetValue(name, out var nodes) ? nodes : throw new TemplateException($"no template named \"{name}\"");

    // ---- lexing: text and {{ actions }}, with Go's trim markers "{{- " and " -}}" ----

    private abstract record Item;

    private sealed record TextItem(string Text) : Item;

    private sealed record ActionItem(string Text) : Item;

    private static class Lexer
    {
        public static List<Item> Items(string text)
        {
            var items = new List<Item>();
            var i = 0;
            while (i < text.Length)
            {
                var open = text.IndexOf("{{", i, StringComparison.Ordinal);
                if (open < 0)
                {
                    items.Add(new TextItem(text[i..]));
                    break;
                }

                var before = text[i..open];
                var start = open + 2;
                if (start + 1 < text.Length && text[start] == '-' && char.IsWhiteSpace(text[start + 1]))
                {
                    before = before.TrimEnd();
                    start++;
                }

                items.Add(new TextItem(before));
                var end = CloseOf(text, start);
                var content = text[start..end];
                i = end + 2;
                if (content.Length >= 2 && content[^1] == '-' && char.IsWhiteSpace(content[^2]))
                {
                    content = content[..^1];
                    while (i < text.Length && char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }
                }

                content = content.Trim();
                if (!(content.StartsWith("/*", StringComparison.Ordinal) && content.EndsWith("*/", StringComparison.Ordinal)))
                {
                    items.Add(new ActionItem(content));
                }
            }

            return items;
        }

        private static int CloseOf(string text, int from)
        {
            char? quote = null;
            for (var j = from; j < text.Length - 1; j++)
            {
                var c = text[j];
                if (quote is { } q)
                {
                    if (c == '\\' && q == '"')
                    {
                        j++;
                    }
                    else if (c == q)
                    {
                        quote = null;
                    }
                }
                else if (c is '"' or '`')
                {
                    quote = c;
                }
                else if (c == '}' && text[j + 1] == '}')
                {
                    return j;
                }
            }

            throw new TemplateException("unclosed action");
        }
    }

    // ---- the tree ----

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record OutputNode(Pipeline Pipeline) : Node;

    private sealed record IfNode(List<(Pipeline Condition, List<Node> Body)> Branches, List<Node>? Else) : Node;

    private sealed record RangeNode(Pipeline Over, List<Node> Body, List<Node>? Else) : Node;

    private sealed record WithNode(Pipeline Value, List<Node> Body, List<Node>? Else) : Node;

    private sealed record TemplateNode(string Name, Pipeline? Data) : Node;

    /// <summary><c>$a := …</c> or <c>$i, $v := …</c> (range), then commands joined by <c>|</c>.</summary>
    private sealed record Pipeline(IReadOnlyList<string> Declared, bool Assign, IReadOnlyList<Command> Commands);

    private sealed record Command(IReadOnlyList<Operand> Operands);

    private abstract record Operand;

    private sealed record Literal(object? Value) : Operand;

    /// <summary><c>.a.b</c> (Root null: from dot) or <c>$v.a.b</c>.</summary>
    private sealed record Field(string? Variable, IReadOnlyList<string> Names) : Operand;

    private sealed record Function(string Name) : Operand;

    private sealed record Nested(Pipeline Pipeline) : Operand;

    private sealed class Parser(List<Item> items, Dictionary<string, List<Node>> templates)
    {
        private int position;

        public List<Node> ParseAll()
        {
            var nodes = ParseUntil(out var stop);
            return stop is null ? nodes : throw new TemplateException($"unexpected {{{{{stop}}}}}");
        }

        /// <summary>Nodes up to an <c>end</c> or <c>else…</c> action, which is returned in <paramref name="stop"/>.</summary>
        private List<Node> ParseUntil(out string? stop)
        {
            var nodes = new List<Node>();
            while (position < items.Count)
            {
                var item = items[position++];
                if (item is TextItem text)
                {
                    if (text.Text.Length > 0)
                    {
                        nodes.Add(new TextNode(text.Text));
                    }

                    continue;
                }

                var action = ((ActionItem)item).Text;
                var (word, rest) = Split(action);
                switch (word)
                {
                    case "end":
                    case "else":
                        stop = action;
                        return nodes;
                    case "if":
                        nodes.Add(ParseIf(rest));
                        break;
                    case "range":
                        {
                            var over = Expressions.Parse(rest);
                            var body = ParseUntil(out var s);
                            var otherwise = s == "else" ? ParseEnd() : Ended(s, null);
                            nodes.Add(new RangeNode(over, body, otherwise));
                            break;
                        }

                    case "with":
                        {
                            var value = Expressions.Parse(rest);
                            var body = ParseUntil(out var s);
                            var otherwise = s == "else" ? ParseEnd() : Ended(s, null);
                            nodes.Add(new WithNode(value, body, otherwise));
                            break;
                        }

                    case "define":
                        {
                            var name = Expressions.StringLiteral(rest);
                            var body = ParseUntil(out var s);
                            Ended(s, body);
                            templates[name] = body;
                            break;
                        }

                    case "template":
                        {
                            var (nameText, data) = Split(rest);
                            nodes.Add(new TemplateNode(Expressions.StringLiteral(nameText), data.Length == 0 ? null : Expressions.Parse(data)));
                            break;
                        }

                    case "block":
                        throw new TemplateException("block is not supported");
                    default:
                        nodes.Add(new OutputNode(Expressions.Parse(action)));
                        break;
                }
            }

            stop = null;
            return nodes;
        }

        private IfNode ParseIf(string condition)
        {
            var branches = new List<(Pipeline, List<Node>)>();
            var current = Expressions.Parse(condition);
            while (true)
            {
                var body = ParseUntil(out var stop);
                branches.Add((current, body));
                if (stop == "else")
                {
                    return new IfNode(branches, ParseEnd());
                }

                if (stop is not null && stop.StartsWith("else if ", StringComparison.Ordinal))
                {
                    current = Expressions.Parse(stop["else if ".Length..]);
                    continue;
                }

                Ended(stop, null);
                return new IfNode(branches, null);
            }
        }

        private List<Node> ParseEnd()
        {
            var body = ParseUntil(out var stop);
            return Ended(stop, body)!;
        }

        private static List<Node>? Ended(string? stop, List<Node>? body) =>
            stop == "end" ? body : throw new TemplateException($"expected {{{{end}}}}, found {(stop is null ? "the end of the file" : "{{" + stop + "}}")}");

        private static (string Word, string Remainder) Split(string action)
        {
            var space = action.IndexOfAny([' ', '\t', '\n']);
            return space < 0 ? (action, "") : (action[..space], action[(space + 1)..].Trim());
        }
    }

    private static class Expressions
    {
        public static string StringLiteral(string text)
        {
            var tokens = Tokens(text);
            return tokens is [{ Kind: TokenKind.String } t] ? (string)t.Value! : throw new TemplateException($"expected a quoted name: {text}");
        }

        public static Pipeline Parse(string text)
        {
            var tokens = Tokens(text);
            var at = 0;
            var pipeline = ParsePipeline(tokens, ref at);
            return at == tokens.Count ? pipeline : throw new TemplateException($"unexpected '{tokens[at].Text}' in {text}");
        }

        private static Pipeline ParsePipeline(List<Token> tokens, ref int at)
        {
            var declared = new List<string>();
            var assign = false;
            var look = at;
            while (look < tokens.Count && tokens[look].Kind == TokenKind.Variable && tokens[look].Names.Count == 0)
            {
                declared.Add(tokens[look].Text);
                look++;
                if (look < tokens.Count && tokens[look].Text == ",")
                {
                    look++;
                    continue;
                }

                break;
            }

            if (declared.Count > 0 && look < tokens.Count && tokens[look].Text is ":=" or "=")
            {
                assign = tokens[look].Text == "=";
                at = look + 1;
            }
            else
            {
                declared.Clear();
            }

            var commands = new List<Command>();
            while (true)
            {
                var operands = new List<Operand>();
                while (at < tokens.Count && tokens[at].Text is not ("|" or ")"))
                {
                    operands.Add(ParseOperand(tokens, ref at));
                }

                if (operands.Count == 0)
                {
                    throw new TemplateException("empty command");
                }

                commands.Add(new Command(operands));
                if (at < tokens.Count && tokens[at].Text == "|")
                {
                    at++;
                    continue;
                }

                return new Pipeline(declared, assign, commands);
            }
        }

        private static Operand ParseOperand(List<Token> tokens, ref int at)
        {
            var token = tokens[at++];
            switch (token.Kind)
            {
                case TokenKind.String:
                case TokenKind.Number:
                    return new Literal(token.Value);
                case TokenKind.Field:
                    return new Field(null, token.Names);
                case TokenKind.Variable:
                    return new Field(token.Text, token.Names);
                case TokenKind.Word:
                    return token.Text switch
                    {
                        "true" => new Literal(true),
                        "false" => new Literal(false),
                        "nil" => new Literal(null),
                        _ => new Function(token.Text),
                    };
                case TokenKind.Punctuation when token.Text == "(":
                    var inner = ParsePipeline(tokens, ref at);
                    if (at >= tokens.Count || tokens[at].Text != ")")
                    {
                        throw new TemplateException("unclosed (");
                    }

                    at++;
                    return new Nested(inner);
                default:
                    throw new TemplateException($"unexpected '{token.Text}'");
            }
        }

        private enum TokenKind
        {
            String,
            Number,
            Field,
            Variable,
            Word,
            Punctuation,
        }

        private sealed record Token(TokenKind Kind, string Text, object? Value, IReadOnlyList<string> Names);

        private static List<Token> Tokens(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '"')
                {
                    var value = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                            value.Append(text[i] switch { 'n' => '\n', 't' => '\t', _ => text[i] });
                        }
                        else
                        {
                            value.Append(text[i]);
                        }

                        i++;
                    }

                    i++;
                    tokens.Add(new Token(TokenKind.String, value.ToString(), value.ToString(), []));
                }
                else if (c == '`')
                {
                    var close = text.IndexOf('`', i + 1);
                    var value = text[(i + 1)..close];
                    i = close + 1;
                    tokens.Add(new Token(TokenKind.String, value, value, []));
                }
                else if (c == ':' && i + 1 < text.Length && text[i + 1] == '=')
                {
                    tokens.Add(new Token(TokenKind.Punctuation, ":=", null, []));
                    i += 2;
                }
                else if (c is '(' or ')' or '|' or ',' or '=')
                {
                    tokens.Add(new Token(TokenKind.Punctuation, c.ToString(), null, []));
                    i++;
                }
                else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
                {
                    var start = i++;
                    while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                    {
                        i++;
                    }

                    var number = text[start..i];
                    object value = number.Contains('.', StringComparison.Ordinal)
                        ? double.Parse(number, CultureInfo.InvariantCulture)
                        : long.Parse(number, CultureInfo.InvariantCulture);
                    tokens.Add(new Token(TokenKind.Number, number, value, []));
                }
                else if (c is '.' or '$')
                {
                    var start = i++;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                    {
                        i++;
                    }

                    var word = text[start..i];
                    if (c == '.')
                    {
                        tokens.Add(new Token(TokenKind.Field, word, null, word == "." ? [] : word[1..].Split('.')));
                    }
                    else
                    {
                        var parts = word.Split('.');
                        tokens.Add(new Token(TokenKind.Variable, parts[0], null, parts[1..]));
                    }
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Word, text[start..i], null, []));
                }
                else
                {
                    throw new TemplateException($"unexpected '{c}' in {text}");
                }
            }

            return tokens;
        }
    }

    // ---- execution ----

    private sealed class Scope(Scope? outer)
    {
        private readonly Dictionary<string, object?> variables = new(StringComparer.Ordinal);

        private Scope? Outer => outer;

        public void Declare(string name, object? value) => variables[name] = value;

        public void Assign(string name, object? value)
        {
            for (var s = this; s is not null; s = s.Outer)
            {
                if (s.variables.ContainsKey(name))
                {
                    s.variables[name] = value;
                    return;
                }
            }

            throw new TemplateException($"undefined variable {name}");
        }

        public object? Get(string name)
        {
            for (var s = this; s is not null; s = s.Outer)
            {
                if (s.variables.TryGetValue(name, out var value))
                {
                    return value;
                }
            }

            throw new TemplateException($"undefined variable {name}");
        }
    }

    private sealed class Executor(GoTemplates engine)
    {
        public string Include(string name, object? data, int depth)
        {
            if (depth > 50)
            {
                throw new TemplateException($"include of \"{name}\" nests too deep");
            }

            var scope = new Scope(null);
            scope.Declare("$", data);
            var output = new StringBuilder();
            Run(engine.Template(name), data, scope, output, depth);
            return output.ToString();
        }

        private void Run(List<Node> nodes, object? dot, Scope scope, StringBuilder output, int depth)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case TextNode text:
                        output.Append(text.Text);
                        break;
                    case OutputNode action:
                        {
                            var value = Evaluate(action.Pipeline, dot, scope, depth);
                            if (action.Pipeline.Declared.Count == 0)
                            {
                                output.Append(Print(value));
                            }

                            break;
                        }

                    case IfNode conditional:
                        {
                            var taken = false;
                            foreach (var (condition, body) in conditional.Branches)
                            {
                                if (Truthy(Evaluate(condition, dot, scope, depth)))
                                {
                                    Run(body, dot, new Scope(scope), output, depth);
                                    taken = true;
                                    break;
                                }
                            }

                            if (!taken && conditional.Else is { } otherwise)
                            {
                                Run(otherwise, dot, new Scope(scope), output, depth);
                            }

                            break;
                        }

                    case WithNode with:
                        {
                            var value = Evaluate(with.Value with { Declared = [] }, dot, scope, depth);
                            if (Truthy(value))
                            {
                                var inner = new Scope(scope);
                                foreach (var name in with.Value.Declared)
                                {
                                    inner.Declare(name, value);
                                }

                                Run(with.Body, value, inner, output, depth);
                            }
                            else if (with.Else is { } otherwise)
                            {
                                Run(otherwise, dot, new Scope(scope), output, depth);
                            }

                            break;
                        }

                    case RangeNode range:
                        RunRange(range, dot, scope, output, depth);
                        break;
                    case TemplateNode template:
                        output.Append(Include(template.Name, template.Data is null ? null : Evaluate(template.Data, dot, scope, depth), depth + 1));
                        break;
                }
            }
        }

        private void RunRange(RangeNode range, object? dot, Scope scope, StringBuilder output, int depth)
        {
            var over = Evaluate(range.Over with { Declared = [] }, dot, scope, depth);
            IEnumerable<(object? Key, object? Value)> elements = over switch
            {
                null => [],
                IList<object?> list => list.Select((v, i) => ((object?)(long)i, v)),
                IDictionary<string, object?> map => map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ((object?)p.Key, p.Value)),
                _ => throw new TemplateException($"range over {over.GetType().Name}"),
            };
            var any = false;
            foreach (var (key, value) in elements)
            {
                any = true;
                var inner = new Scope(scope);
                switch (range.Over.Declared.Count)
                {
                    case 1:
                        inner.Declare(range.Over.Declared[0], value);
                        break;
                    case 2:
                        inner.Declare(range.Over.Declared[0], key);
                        inner.Declare(range.Over.Declared[1], value);
                        break;
                }

                Run(range.Body, value, inner, output, depth);
            }

            if (!any && range.Else is { } otherwise)
            {
                Run(otherwise, dot, new Scope(scope), output, depth);
            }
        }

        private object? Evaluate(Pipeline pipeline, object? dot, Scope scope, int depth)
        {
            object? value = null;
            var piped = false;
            foreach (var command in pipeline.Commands)
            {
                value = Call(command, dot, scope, depth, piped ? [value] : []);
                piped = true;
            }

            foreach (var name in pipeline.Declared)
            {
                if (pipeline.Assign)
                {
                    scope.Assign(name, value);
                }
                else
                {
                    scope.Declare(name, value);
                }
            }

            return value;
        }

        private object? Call(Command command, object? dot, Scope scope, int depth, object?[] piped)
        {
            if (command.Operands[0] is Function function)
            {
                var args = command.Operands.Skip(1).Select(o => Operand(o, dot, scope, depth)).Concat(piped).ToArray();
                return Functions.Call(function.Name, args, (name, data) => Include(name, data, depth + 1));
            }

            if (command.Operands.Count > 1 || piped.Length > 0)
            {
                throw new TemplateException("can't give arguments to a non-function");
            }

            return Operand(command.Operands[0], dot, scope, depth);
        }

        private object? Operand(Operand operand, object? dot, Scope scope, int depth) => operand switch
        {
            Literal literal => literal.Value,
            Nested nested => Evaluate(nested.Pipeline, dot, scope, depth),
            Field field => Walk(field.Variable is null ? dot : scope.Get(field.Variable), field.Names, field.Variable ?? "."),
            Function function => Functions.Call(function.Name, [], (name, data) => Include(name, data, depth + 1)),
            _ => throw new TemplateException("unknown operand"),
        };

        private static object? Walk(object? value, IReadOnlyList<string> names, string from)
        {
            var path = from;
            foreach (var name in names)
            {
                value = value switch
                {
                    IDictionary<string, object?> map => map.TryGetValue(name, out var next) ? next : null,
                    // Helm stops here with "nil pointer evaluating interface {}.name".
                    null => throw new TemplateException($"nil pointer evaluating {path}.{name}"),
                    _ => throw new TemplateException($"can't read field {name} of a {value.GetType().Name} at {path}"),
                };
                path += "." + name;
            }

            return value;
        }
    }

    /// <summary>Go's truth: false, 0, nil and empty strings or collections are false.</summary>
    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>How an action prints a value; Helm turns Go's "&lt;no value&gt;" into nothing.</summary>
    public static string Print(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new TemplateException($"prints a {value.GetType().Name} into the manifest (toYaml it)"),
    };

    private static class Functions
    {
        public static object? Call(string name, object?[] a, Func<string, object?, string> include) => name switch
        {
            "include" => include(Text(a, 0), a.Length > 1 ? a[1] : null),
            "default" => Truthy(a.Length > 1 ? a[1] : null) ? a[1] : a[0],
            "required" => a.Length > 1 && a[1] is not null && a[1] is not "" ? a[1] : throw new TemplateException(Text(a, 0)),
            "quote" => string.Join(" ", a.Where(v => v is not null).Select(v => "\"" + Print(v).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")),
            "toYaml" => Yaml.Serialize(a[0]),
            "nindent" => "\n" + Indent(Number(a[0]), Text(a, 1)),
            "indent" => Indent(Number(a[0]), Text(a, 1)),
            "trunc" => Text(a, 1) is var s && s.Length > Number(a[0]) ? s[..(int)Number(a[0])] : Text(a, 1),
            "trimSuffix" => Text(a, 1).EndsWith(Text(a, 0), StringComparison.Ordinal) ? Text(a, 1)[..^Text(a, 0).Length] : Text(a, 1),
            "replace" => Text(a, 2).Replace(Text(a, 0), Text(a, 1), StringComparison.Ordinal),
            "contains" => Text(a, 1).Contains(Text(a, 0), StringComparison.Ordinal),
            "printf" => Printf(Text(a, 0), a[1..]),
            "print" => string.Concat(a.Select(Print)),
            "sha256sum" => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(a, 0)))),
            "not" => !Truthy(a[0]),
            "and" => a.FirstOrDefault(v => !Truthy(v), a[^1]),
            "or" => a.FirstOrDefault(Truthy, a[^1]),
            "list" => a.ToList(),
            "int" => Number(a[0]),
            "gt" => Number(a[0]) > Number(a[1]),
            "lt" => Number(a[0]) < Number(a[1]),
            "eq" => Equals(a[0], a[1]),
            "ne" => !Equals(a[0], a[1]),
            _ => throw new TemplateException($"function \"{name}\" is not known to the test's template engine"),
        };

        private static string Text(object?[] a, int i) => i < a.Length ? Print(a[i]) : throw new TemplateException("missing argument");

        private static long Number(object? value) => value switch
        {
            long l => l,
            double d => (long)d,
            string s when long.TryParse(s, CultureInfo.InvariantCulture, out var l) => l,
            null => 0,
            _ => throw new TemplateException($"not a number: {value}"),
        };

        private static string Indent(long spaces, string text)
        {
            var pad = new string(' ', (int)spaces);
            return pad + text.Replace("\n", "\n" + pad, StringComparison.Ordinal);
        }

        private static string Printf(string format, object?[] args)
        {
            var output = new StringBuilder();
            var next = 0;
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 == format.Length)
                {
                    output.Append(format[i]);
                    continue;
                }

                var verb = format[++i];
                if (verb == '%')
                {
                    output.Append('%');
                    continue;
                }

                var value = next < args.Length ? args[next++] : throw new TemplateException($"printf {format}: missing argument");
                output.Append(verb switch
                {
                    's' or 'v' or 'd' => Print(value),
                    'q' => "\"" + Print(value) + "\"",
                    _ => throw new TemplateException($"printf verb %{verb} is not known"),
                });
            }

            return output.ToString();
        }
    }
}
