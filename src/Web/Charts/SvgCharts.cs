using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Photocollect.Web.Charts;

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no library, readable on a phone (they scale to the width)
/// and printable. Each chart carries a title for screen readers and its numbers as text, so it reads without the
/// picture too. Colours follow the school's brand colour (<c>var(--brand)</c>) and a fixed palette for series.
/// </summary>
public static class SvgCharts
{
    /// <summary>Series colours, in order.</summary>
    public static readonly string[] Palette = ["var(--brand)", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#06b6d4", "#64748b"];

    /// <summary>One bar: a label, its value and an optional note shown after the value.</summary>
    public readonly record struct Bar(string Label, int Value, string? Note = null);

    /// <summary>Horizontal bars, longest first as given, each with its label and value.</summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<Bar> bars, string color = "var(--brand)", int? max = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int Width = 420, Row = 28, Label = 130, Right = 70;
        var top = max ?? Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Math.Max(Row, bars.Count * Row);
        var svg = Open(title, Width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * Row;
            var w = top == 0 ? 0 : (Width - Label - Right) * Math.Min(1.0, (double)bar.Value / top);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label - 8}\" y=\"{y + 19}\" text-anchor=\"end\" class=\"chart-label\">{Cut(bar.Label, 10)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Label}\" y=\"{y + 6}\" width=\"{w:0.#}\" height=\"{Row - 12}\" rx=\"3\" fill=\"{color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label + w + 6:0.#}\" y=\"{y + 20}\" class=\"chart-value\">{bar.Value}{(bar.Note is null ? "" : " " + Text(bar.Note))}</text>");
        }

        return Close(svg);
    }

    /// <summary>One group's stacked bar: parts that add up to the whole, in series order.</summary>
    public readonly record struct Segments(string Label, IReadOnlyList<int> Parts);

    /// <summary>Horizontal stacked bars with a legend (series names in palette order).</summary>
    public static IHtmlContent Stacks(string title, IReadOnlyList<string> series, IReadOnlyList<Segments> stacks)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(stacks);
        const int Width = 420, Row = 28, Label = 130, Right = 40, Legend = 48;
        var top = Math.Max(1, stacks.Count == 0 ? 1 : stacks.Max(s => s.Parts.Sum()));
        var svg = Open(title, Width, Legend + Math.Max(Row, stacks.Count * Row));
        LegendRow(svg, series, Width);
        for (var i = 0; i < stacks.Count; i++)
        {
            var y = Legend + (i * Row);
            var x = (double)Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label - 8}\" y=\"{y + 20}\" text-anchor=\"end\" class=\"chart-label\">{Cut(stacks[i].Label, 10)}</text>");
            for (var p = 0; p < stacks[i].Parts.Count; p++)
            {
                var w = (Width - Label - Right) * (double)stacks[i].Parts[p] / top;
                if (w > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 6}\" width=\"{w:0.#}\" height=\"{Row - 12}\" fill=\"{Palette[p % Palette.Length]}\"><title>{Text(series[p % series.Count])}: {stacks[i].Parts[p]}</title></rect>");
                }

                x += w;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6:0.#}\" y=\"{y + 20}\" class=\"chart-value\">{stacks[i].Parts.Sum()}</text>");
        }

        return Close(svg);
    }

    /// <summary>One line of a line chart.</summary>
    public readonly record struct Line(string Name, IReadOnlyList<int> Values);

    /// <summary>Lines over the same x labels (days), with a legend and the y axis' top value.</summary>
    public static IHtmlContent Lines(string title, IReadOnlyList<string> labels, IReadOnlyList<Line> lines)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(lines);
        const int Width = 420, Height = 220, Left = 36, Bottom = 26, Top = 52, Right = 12;
        var svg = Open(title, Width, Height);
        LegendRow(svg, [.. lines.Select(l => l.Name)], Width);
        var top = Math.Max(1, lines.SelectMany(l => l.Values).DefaultIfEmpty(0).Max());
        var (plotW, plotH) = (Width - Left - Right, Height - Top - Bottom);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" class=\"chart-axis\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Width - Right}\" y2=\"{Top}\" class=\"chart-grid\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\" class=\"chart-value\">{top}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + plotH + 4}\" text-anchor=\"end\" class=\"chart-value\">0</text>");
        double X(int i) => Left + (labels.Count <= 1 ? plotW / 2.0 : plotW * i / (double)(labels.Count - 1));
        double Y(int v) => Top + plotH - (plotH * (double)v / top);
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / 6.0));
        for (var i = 0; i < labels.Count; i += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\" class=\"chart-label\">{Text(labels[i])}</text>");
        }

        for (var l = 0; l < lines.Count; l++)
        {
            var points = string.Join(" ", lines[l].Values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{Palette[l % Palette.Length]}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
            if (lines[l].Values.Count == 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(0):0.#}\" cy=\"{Y(lines[l].Values[0]):0.#}\" r=\"4\" fill=\"{Palette[l % Palette.Length]}\"/>");
            }
        }

        return Close(svg);
    }

    /// <summary>A funnel: centred bars narrowing stage by stage, each with its count and its share of the first.</summary>
    public static IHtmlContent Funnel(string title, IReadOnlyList<Bar> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        const int Width = 420, Row = 34, Label = 122;
        var first = Math.Max(1, stages.Count == 0 ? 1 : stages[0].Value);
        var svg = Open(title, Width, Math.Max(Row, stages.Count * Row));
        var span = Width - Label - 10;
        for (var i = 0; i < stages.Count; i++)
        {
            var y = i * Row;
            var w = Math.Max(2, span * Math.Min(1.0, (double)stages[i].Value / first));
            var x = Label + ((span - w) / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label - 8}\" y=\"{y + 22}\" text-anchor=\"end\" class=\"chart-label\">{Cut(stages[i].Label, 9.5)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{w:0.#}\" height=\"{Row - 8}\" rx=\"4\" fill=\"var(--brand)\" fill-opacity=\"{1 - (i * 0.08):0.##}\"/>");
            var share = stages[0].Value == 0 ? "" : $" · {(double)stages[i].Value / stages[0].Value:P0}";
            var inside = w >= 90;
            svg.Append(inside
                ? string.Create(CultureInfo.InvariantCulture, $"<text x=\"{Label + (span / 2)}\" y=\"{y + 22}\" text-anchor=\"middle\" class=\"chart-on-bar\">{stages[i].Value}{Text(share)}</text>")
                : string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x + w + 6:0.#}\" y=\"{y + 22}\" class=\"chart-value\">{stages[i].Value}{Text(share)}</text>"));
        }

        return Close(svg);
    }

    private static StringBuilder Open(string title, int width, int height)
    {
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Text(title)}\" preserveAspectRatio=\"xMinYMin meet\"><title>{Text(title)}</title>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    // The series' names in a row that wraps at the chart's width (two rows fit above the plot).
    private static void LegendRow(StringBuilder svg, IReadOnlyList<string> series, int width)
    {
        var (x, y) = (0.0, 0.0);
        for (var i = 0; i < series.Count; i++)
        {
            var w = 24 + series[i].Sum(c => c > 0x2E80 ? 12 : 6.5);
            if (x > 0 && x + w > width)
            {
                (x, y) = (0, y + 20);
            }

            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 4:0.#}\" width=\"11\" height=\"11\" rx=\"2\" fill=\"{Palette[i % Palette.Length]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 15:0.#}\" y=\"{y + 14:0.#}\" class=\"chart-label\">{Text(series[i])}</text>");
            x += w;
        }
    }

    // A label cut to the room it has, in ems (a Chinese character is one, a Latin letter or digit about half).
    private static string Cut(string label, double ems)
    {
        if (label.Length == 0)
        {
            return "—";
        }

        var (used, length) = (0.0, 0);
        foreach (var c in label)
        {
            used += c > 0x2E80 ? 1 : 0.55;
            if (used > ems)
            {
                return Text(label[..Math.Max(1, length - 1)] + "…");
            }

            length++;
        }

        return Text(label);
    }

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
