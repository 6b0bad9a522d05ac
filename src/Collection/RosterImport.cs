using System.Text;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>
/// The roster from a CSV file (学号, 姓名, 身份证后四位, 层次, 学院, 专业; a header line in Chinese or English, in any
/// column order). UTF-8 (with or without BOM) or GB18030 as Excel saves it in China. All or nothing: any bad line
/// and nothing is written, with every problem reported by line. Re-importing the same file changes nothing.
/// </summary>
public sealed class RosterImport(AppDbContext db, TimeProvider clock)
{
    /// <summary>Largest file accepted.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Most data lines in one file.</summary>
    public const int MaxRows = 50_000;

    private static readonly string[][] Columns =
    [
        ["学号", "student_number", "studentnumber"],
        ["姓名", "name"],
        ["身份证后四位", "身份证号后四位", "id_last4", "idlastfour"],
        ["层次", "学历层次", "level"],
        ["学院", "college"],
        ["专业", "major"],
    ];

    /// <summary>Reads the file and, when every line is good, writes the roster.</summary>
    public async Task<RosterReport> ImportAsync(byte[] file, IReadOnlyCollection<string> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(levels);
        if (file.Length == 0)
        {
            return Fail(0, "Roster.Error.Empty", null);
        }

        if (file.Length > MaxBytes)
        {
            return Fail(0, "Roster.Error.TooLarge", $"{MaxBytes / 1024 / 1024}");
        }

        var lines = Decode(file).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return Fail(0, "Roster.Error.Empty", null);
        }

        var header = Split(lines[0]).Select(h => h.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)).ToList();
        var index = Columns.Select(names => header.FindIndex(h => names.Contains(h))).ToArray();
        if (index.Take(4).Any(i => i < 0))
        {
            return Fail(1, "Roster.Error.Header", lines[0]);
        }

        if (lines.Count - 1 > MaxRows)
        {
            return Fail(0, "Roster.Error.TooManyRows", $"{MaxRows}");
        }

        var errors = new List<RosterError>();
        var rows = new Dictionary<string, RosterEntry>(StringComparer.Ordinal);
        var rowCount = 0;
        for (var n = 1; n < lines.Count; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }

            rowCount++;
            var line = n + 1;
            var cells = Split(lines[n]);
            string Cell(int column) => index[column] >= 0 && index[column] < cells.Count ? cells[index[column]].Trim() : "";
            var number = Cell(0);
            var name = Cell(1);
            var last4 = Cell(2).ToUpperInvariant();
            var level = Cell(3);
            if (number.Length is 0 or > 32 || !number.All(char.IsAsciiLetterOrDigit))
            {
                errors.Add(new(line, "Roster.Error.StudentNumber", number));
            }
            else if (rows.ContainsKey(number))
            {
                errors.Add(new(line, "Roster.Error.Duplicate", number));
            }

            if (name.Length is 0 or > 50)
            {
                errors.Add(new(line, "Roster.Error.Name", name));
            }

            if (last4.Length != 4 || !last4[..3].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(last4[3]) || last4[3] == 'X'))
            {
                errors.Add(new(line, "Roster.Error.IdLastFour", last4));
            }

            if (!levels.Contains(level))
            {
                errors.Add(new(line, "Roster.Error.Level", level));
            }

            var college = Cell(4);
            var major = Cell(5);
            if (college.Length > 100 || major.Length > 100)
            {
                errors.Add(new(line, "Roster.Error.TooLong", null));
            }

            rows.TryAdd(number, new RosterEntry { StudentNumber = number, Name = name, IdLastFour = last4, Level = level, College = college, Major = major });
        }

        if (rowCount == 0)
        {
            return Fail(0, "Roster.Error.NoRows", null);
        }

        if (errors.Count > 0)
        {
            return new RosterReport(rowCount, 0, 0, 0, errors);
        }

        var existing = await db.Roster.ToDictionaryAsync(r => r.StudentNumber, StringComparer.Ordinal, cancellationToken);
        int created = 0, updated = 0, unchanged = 0;
        var now = clock.GetUtcNow();
        foreach (var row in rows.Values)
        {
            if (!existing.TryGetValue(row.StudentNumber, out var current))
            {
                row.Id = Guid.CreateVersion7();
                row.ImportedAt = now;
                db.Roster.Add(row);
                created++;
            }
            else if ((current.Name, current.IdLastFour, current.Level, current.College, current.Major) != (row.Name, row.IdLastFour, row.Level, row.College, row.Major))
            {
                (current.Name, current.IdLastFour, current.Level, current.College, current.Major) = (row.Name, row.IdLastFour, row.Level, row.College, row.Major);
                current.ImportedAt = now;
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RosterReport(rowCount, created, updated, unchanged, []);
    }

    private static RosterReport Fail(int line, string message, string? value) => new(0, 0, 0, 0, [new RosterError(line, message, value)]);

    // UTF-8 when the bytes are valid UTF-8, else GB18030 (Excel's "CSV" in a Chinese locale).
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    // RFC 4180 fields: commas, double quotes around fields, "" inside quotes.
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or '\t')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
