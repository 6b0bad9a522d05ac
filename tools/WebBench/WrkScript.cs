using System.Globalization;
using System.Text;

namespace Photocollect.WebBench;

/// <summary>
/// wrk's Lua script for a run: each connection sends the requests in turn (so that an authenticated run rotates over
/// the students' cookies or tokens), every answer other than 200 is counted (a redirect to the sign-in page included),
/// and the <c>done</c> hook prints the count over all threads as <c>WEBBENCH unexpected N</c>.
/// </summary>
public static class WrkScript
{
    private const string Hooks = """
        local threads = {}

        function setup(thread)
          thread:set("offset", #threads * 17)
          table.insert(threads, thread)
        end

        function init(args)
          turn = offset
          unexpected = 0
        end

        function request()
          turn = turn + 1
          local e = entries[(turn % #entries) + 1]
          if e[2] == "" then
            return wrk.format("GET", e[1])
          end
          return wrk.format("GET", e[1], { [e[2]] = e[3] })
        end

        function response(status, headers, body)
          if status ~= 200 then
            unexpected = unexpected + 1
          end
        end

        function done(summary, latency, requests)
          local total = 0
          for _, t in ipairs(threads) do
            total = total + t:get("unexpected")
          end
          io.write(string.format("WEBBENCH unexpected %d\n", total))
        end

        """;

    /// <summary>The script for <paramref name="requests"/>.</summary>
    public static string For(IReadOnlyList<WrkRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var script = new StringBuilder("entries = {\n");
        foreach (var r in requests)
        {
            script.Append(CultureInfo.InvariantCulture, $"  {{ {Lua(r.Path)}, {Lua(r.Header ?? "")}, {Lua(r.Value ?? "")} }},\n");
        }

        return script.Append("}\n\n").Append(Hooks).ToString();
    }

    // A Lua string literal: quotes and backslashes escaped, anything outside printable ASCII as a decimal escape.
    private static string Lua(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            literal.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\{b:000}"),
            });
        }

        return literal.Append('"').ToString();
    }
}
