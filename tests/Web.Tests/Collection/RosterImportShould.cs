using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

public sealed class RosterImportShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Levels = ["专科", "本科", "硕士研究生", "博士研究生"];

    [Fact]
    public async Task ImportOnceAndChangeNothingTheSecondTime()
    {
        var csv = "学号,姓名,身份证后四位,层次,学院,专业\n2024100001,钱多多,123X,本科,文学院,历史学\n\"2024100002\",\"孙,小美\",0012,硕士研究生,,\n";

        var first = await ImportAsync(Encoding.UTF8.GetBytes(csv));
        var second = await ImportAsync(Encoding.UTF8.GetBytes(csv));
        var changed = await ImportAsync(Encoding.UTF8.GetBytes(csv.Replace("历史学", "考古学", StringComparison.Ordinal)));

        Assert.Equal((2, 2, 0, 0), (first.Rows, first.Created, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 2), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal((0, 1, 1), (changed.Created, changed.Updated, changed.Unchanged));
        var name = await app.InSchoolAsync(AppFactory.B, sp =>
            sp.GetRequiredService<AppDbContext>().Roster.Where(r => r.StudentNumber == "2024100002").Select(r => r.Name).SingleAsync());
        Assert.Equal("孙,小美", name);
    }

    [Fact]
    public async Task ReadAFileExcelSavedInGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes("学号,姓名,身份证后四位,层次\r\n2024200001,周杰,5678,专科\r\n");

        var report = await ImportAsync(gbk);

        Assert.True(report.Imported);
        Assert.Equal("周杰", await app.InSchoolAsync(AppFactory.B, sp =>
            sp.GetRequiredService<AppDbContext>().Roster.Where(r => r.StudentNumber == "2024200001").Select(r => r.Name).SingleAsync()));
    }

    [Fact]
    public async Task ReportEveryBadLineAndImportNothing()
    {
        var csv = "学号,姓名,身份证后四位,层次\n2024300001,好人,1234,本科\n2024300002,,12345,小学\n2024300001,重复,1234,本科\n20243-0004,某某,12a4,本科\n";

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv));

        Assert.False(report.Imported);
        Assert.Equal(
            [(3, "Roster.Error.Name"), (3, "Roster.Error.IdLastFour"), (3, "Roster.Error.Level"), (4, "Roster.Error.Duplicate"), (5, "Roster.Error.StudentNumber"), (5, "Roster.Error.IdLastFour")],
            report.Errors.Select(e => (e.Line, e.Message)));
        Assert.False(await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Roster.AnyAsync(r => r.StudentNumber == "2024300001")));
    }

    [Fact]
    public async Task ReadClassesExamNumbersTabsAndLineBreaksInQuotes()
    {
        // Excel's "Unicode text" is tab-separated; a quoted cell may hold a line break, which moves the next line's number.
        var tabs = "学号\t姓名\t身份证后四位\t层次\t学院\t专业\t班级\t考生号\n2024500001\t吴一\t1111\t本科\t理学院\t数学\t数学2101\t21110101123456\n";
        var quoted = "学号,姓名,身份证后四位,层次,班级,考生号\n2024500002,\"郑\n二\",22,本科,数学2102,\n2024500003,王三,33,本科,,E-1\n";

        var fromTabs = await ImportAsync(Encoding.UTF8.GetBytes(tabs));
        var fromQuotes = await ImportAsync(Encoding.UTF8.GetBytes(quoted));
        var entry = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Roster.AsNoTracking().SingleAsync(r => r.StudentNumber == "2024500001"));

        Assert.True(fromTabs.Imported);
        Assert.Equal(("理学院", "数学", "数学2101", "21110101123456"), (entry.College, entry.Major, entry.ClassName, entry.ExamNumber));
        Assert.False(fromQuotes.Imported);
        // Each problem on the line its record starts on: the two-line record at 2, the next at 4.
        Assert.Equal([(2, "Roster.Error.IdLastFour"), (4, "Roster.Error.IdLastFour"), (4, "Roster.Error.ExamNumber")], fromQuotes.Errors.Select(e => (e.Line, e.Message)));
    }

    [Theory]
    [InlineData("", "Roster.Error.Empty")]
    [InlineData("name,phone\n张三,138\n", "Roster.Error.Header")]
    [InlineData("学号,姓名,身份证后四位,层次\n", "Roster.Error.NoRows")]
    public async Task RefuseAFileThatIsNotARoster(string csv, string error)
    {
        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(error, Assert.Single(report.Errors).Message);
    }

    [Fact]
    public async Task ImportThroughTheAdminPageAndShowTheReport()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, "/s/nanhu/staff/roster");

        var bad = await Html.ParseAsync(await Html.UploadAsync(admin, page, "form", "Upload", "r.csv", Encoding.UTF8.GetBytes("学号,姓名,身份证后四位,层次\nX1,甲,99,本科\n"), "text/csv"));
        var good = await Html.ParseAsync(await Html.UploadAsync(admin, page, "form", "Upload", "r.csv", Encoding.UTF8.GetBytes("学号,姓名,身份证后四位,层次\n2024400001,乙,0099,本科\n"), "text/csv"));
        var reviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));

        Assert.NotNull(bad.QuerySelector("[data-test=roster-errors] [data-line='2']"));
        Assert.NotNull(good.QuerySelector("[data-test=roster-imported]"));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await reviewer.GetAsync("/s/nanhu/staff/roster")).StatusCode);
        // The good import is on the audit trail, the refused one is not.
        var audited = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.Where(e => e.Action == AuditActions.RosterImport).ToListAsync());
        Assert.Equal(DemoSeeder.StaffEmail(AppFactory.B, "admin"), Assert.Single(audited).Who);
    }

    private Task<RosterReport> ImportAsync(byte[] file) => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<RosterImport>().ImportAsync(file, Levels));
}
