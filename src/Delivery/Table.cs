using CsvHelper;
using MiniExcelLibs;

namespace Photocollect.Delivery;

/// <summary>
/// A list of students as a school office opens it: CSV (UTF-8 with BOM, CRLF, cells starting with <c>=+-@</c>
/// defused) and Excel (.xlsx, text cells, one sheet per table).
/// </summary>
public sealed record Table(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    private static readonly CsvWriterOptions Csv = new()
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
    };

    /// <summary>Writes the table as CSV.</summary>
    public async Task WriteCsvAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var writer = CsvWriter.Create(output, Csv, leaveOpen: true);
        await writer.WriteRecordAsync([.. Headers], cancellationToken);
        foreach (var row in Rows)
        {
            await writer.WriteRecordAsync([.. row], cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes tables as the sheets of one workbook.</summary>
    public static async Task WriteXlsxAsync(Stream output, IEnumerable<Table> sheets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var workbook = sheets.ToDictionary(t => t.Name, t => (object)t.Records());
        await MiniExcel.SaveAsAsync(output, workbook, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
    }

    private IEnumerable<Dictionary<string, object>> Records()
    {
        foreach (var row in Rows)
        {
            var record = new Dictionary<string, object>(Headers.Count);
            for (var i = 0; i < Headers.Count; i++)
            {
                record[Headers[i]] = i < row.Count ? row[i] : "";
            }

            yield return record;
        }
    }
}
