using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>
/// The roster from a CSV file (学号, 姓名, 身份证后四位, 层次, and optionally 学院, 专业, 班级, 考生号; a header line in
/// Chinese or English, in any column order; commas or tabs). UTF-8 (with or without BOM) or GB18030 as Excel saves it
/// in China; read by CsvHelper (quotes, doubled quotes, line breaks inside quotes). All or nothing: any bad line and
/// nothing is written, with every problem reported by line. Re-importing the same file changes nothing.
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
        ["班级", "class", "classname"],
        ["考生号", "exam_number", "examnumber"],
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

        var records = Records(Decode(file));
        if (records.Count == 0)
        {
            return Fail(0, "Roster.Error.Empty", null);
        }

        var (headerLine, headerCells) = records[0];
        var header = headerCells.Select(h => h.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)).ToList();
        var index = Columns.Select(names => header.FindIndex(h => names.Contains(h))).ToArray();
        if (index.Take(4).Any(i => i < 0))
        {
            return Fail(headerLine, "Roster.Error.Header", string.Join(",", headerCells));
        }

        if (records.Count - 1 > MaxRows)
        {
            return Fail(0, "Roster.Error.TooManyRows", $"{MaxRows}");
        }

        var errors = new List<RosterError>();
        var rows = new Dictionary<string, RosterEntry>(StringComparer.Ordinal);
        var rowCount = 0;
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rowCount++;
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

            var (college, major, className, exam) = (Cell(4), Cell(5), Cell(6), Cell(7));
            if (college.Length > 100 || major.Length > 100 || className.Length > 50)
            {
                errors.Add(new(line, "Roster.Error.TooLong", null));
            }

            if (exam.Length > 32 || !exam.All(char.IsAsciiLetterOrDigit))
            {
                errors.Add(new(line, "Roster.Error.ExamNumber", exam));
            }

            rows.TryAdd(number, new RosterEntry
            {
                StudentNumber = number, Name = name, IdLastFour = last4, Level = level, College = college, Major = major, ClassName = className, ExamNumber = exam,
            });
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
            else if ((current.Name, current.IdLastFour, current.Level, current.College, current.Major, current.ClassName, current.ExamNumber)
                != (row.Name, row.IdLastFour, row.Level, row.College, row.Major, row.ClassName, row.ExamNumber))
            {
                (current.Name, current.IdLastFour, current.Level, current.College, current.Major, current.ClassName, current.ExamNumber) =
                    (row.Name, row.IdLastFour, row.Level, row.College, row.Major, row.ClassName, row.ExamNumber);
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

    // The file's records with the line each starts on (RFC 4180: quotes, doubled quotes, line breaks inside quotes);
    // the separator is a tab when the header has tabs and no commas (Excel's "Unicode text"), else a comma.
    private static List<(int Line, List<string> Cells)> Records(string text)
    {
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal) is var n and >= 0 ? n : text.Length));
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',',
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var records = new List<(int, List<string>)>();
        using var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false);
        while (reader.Read())
        {
            var cells = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(reader.GetString(i));
            }

            records.Add(((int)reader.LineNumber, cells));  // the line the record starts on
        }

        return records;
    }
}
